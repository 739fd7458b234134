/**
 * The key two emails are compared by (U1): trimmed, Unicode NFKC-normalised, lower-cased.
 * `ADA@x.io`, ` ada@x.io `, `ada＠x.io` and NFC/NFD spellings of an accent share one key.
 *
 * @example emailKey(' ADA＠X.io ') // 'ada@x.io'
 */
export function emailKey(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
}

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/u;

/** True when the address, once normalised, looks like `local@domain.tld`. */
export function isPlausibleEmail(email: string): boolean {
  return emailShape.test(emailKey(email));
}
