import {
  addMoney,
  compareMoney,
  fenToMoney,
  formatMoney,
  formatWanYuan,
  isMoney,
  moneyEquals,
  moneyToFen,
  multiplyMoney,
  normalizeMoney,
  subtractMoney,
  sumMoney,
} from '../src/money.js';
import { isMasked, unmaskedOrNull } from '../src/masking.js';

describe('money helpers', () => {
  it('add exactly where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addMoney('0.10', '0.20')).toBe('0.30');
    expect(addMoney('17160000.00', '10000000.00', '2030000.00')).toBe('29190000.00');
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
  });

  it('keep values beyond Number.MAX_SAFE_INTEGER fen exact', () => {
    expect(addMoney('999999999999999.99', '0.01')).toBe('1000000000000000.00');
    expect(moneyToFen('999999999999999.99')).toBe(99999999999999999n);
  });

  it('subtract, compare, multiply and normalise', () => {
    expect(subtractMoney('1000.50', '200.25')).toBe('800.25');
    expect(subtractMoney('1.00', '2.50')).toBe('-1.50');
    expect(compareMoney('10.00', '9.99')).toBe(1);
    expect(compareMoney('9.9', '9.90')).toBe(0);
    expect(['3.00', '-1.00', '2.5'].sort(compareMoney)).toEqual(['-1.00', '2.5', '3.00']);
    expect(moneyEquals('5', '5.00')).toBe(true);
    expect(multiplyMoney('100.05', 3)).toBe('300.15');
    expect(normalizeMoney('1716.5')).toBe('1716.50');
    expect(fenToMoney(-5n)).toBe('-0.05');
  });

  it('refuse anything inexact or not a decimal string', () => {
    for (const bad of ['1.005', '1e3', '', '1,000.00', ' 1.00', 'abc', '.5']) {
      expect(isMoney(bad)).toBe(false);
      expect(() => moneyToFen(bad)).toThrow(RangeError);
    }
    expect(() => moneyToFen(12.5 as unknown as string)).toThrow(RangeError);
    expect(() => multiplyMoney('1.00', 1.5)).toThrow(RangeError);
  });

  it('format for display', () => {
    expect(formatMoney('17160000.00')).toBe('17,160,000.00');
    expect(formatMoney('-1234.5', { prefix: '¥' })).toBe('-¥1,234.50');
    expect(formatWanYuan('17160000.00')).toBe('1716万元');
    expect(formatWanYuan('20300.50')).toBe('2.03005万元');
  });
});

describe('masked fields', () => {
  it('are recognised by the mask character', () => {
    expect(isMasked('138****1234')).toBe(true);
    expect(isMasked('421181********123X')).toBe(true);
    expect(isMasked('13800001234')).toBe(false);
    expect(isMasked(null)).toBe(false);
    expect(unmaskedOrNull('138****1234')).toBeNull();
    expect(unmaskedOrNull('13800001234')).toBe('13800001234');
  });
});
