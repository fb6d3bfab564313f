const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** Whether the value is a mainland China mobile number: 11 digits, 1 followed by 3–9. */
export function isValidMobilePhone(phone: string): boolean {
  return MAINLAND_MOBILE.test(phone);
}
