import { registerDecorator, type ValidationOptions } from 'class-validator';
import { todayInChina } from './dates';
import { isValidIdCardNumber } from './id-card';
import { isValidMobilePhone } from './phone';

/** Registers a one-property class-validator check with a Chinese message. */
function check(name: string, message: string, test: (value: unknown) => boolean, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message, ...options },
      validator: { validate: (value: unknown) => value === null || value === undefined || test(value) },
    });
}

export const IsIdCardNumber = () =>
  check('isIdCardNumber', '身份证号格式、出生日期或校验位不正确', (v) => typeof v === 'string' && isValidIdCardNumber(v));

export const IsMobilePhone = () =>
  check('isMobilePhone', '手机号必须是 11 位大陆手机号码', (v) => typeof v === 'string' && isValidMobilePhone(v));

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Text that is non-empty after trimming, at most `max` characters long and free of control characters. */
export const TrimmedText = (max: number) =>
  check(
    'trimmedText',
    `不能为空、不能含控制字符，且不超过 ${max} 个字符`,
    (v) => typeof v === 'string' && v.trim().length > 0 && Array.from(v.trim()).length <= max && !CONTROL_CHARACTERS.test(v),
  );

/** Search text: no control characters (PostgreSQL cannot even store a NUL). */
export const NoControlCharacters = () => check('noControlCharacters', '不能含控制字符', (v) => typeof v === 'string' && !CONTROL_CHARACTERS.test(v));

/** A calendar date (YYYY-MM-DD) no later than today in China. */
export const NotInFuture = () =>
  check('notInFuture', '日期不能晚于今天', (v) => typeof v === 'string' && v <= todayInChina());

/** Money (integer fen) strictly greater than zero. */
export const PositiveMoney = () => check('positiveMoney', '金额必须大于 0', (v) => typeof v === 'bigint' && v > 0n);
