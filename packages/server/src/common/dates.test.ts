import { todayInChina } from './dates';

describe('todayInChina', () => {
  it('turns the date at midnight China Standard Time (16:00 UTC), however the calls alternate', () => {
    const before = new Date('2026-11-29T15:59:59.999Z');
    const after = new Date('2026-11-29T16:00:00.000Z');
    expect([todayInChina(before), todayInChina(after), todayInChina(before), todayInChina(after)]).toEqual(['2026-11-29', '2026-11-30', '2026-11-29', '2026-11-30']);
    expect(todayInChina(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });
});
