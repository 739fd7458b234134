const separators = /[\s().-]/g;
const e164 = /^\+[1-9]\d{7,14}$/;
// NANP: a 3-digit area code and 3-digit exchange, each starting with 2..9, then 4 digits.
const nanp = /^[2-9]\d{2}[2-9]\d{6}$/;

/**
 * Normalises an E.164 or North American number to E.164, or returns null when it is neither.
 *
 * @example toE164('(212) 555-0142') // '+12125550142'
 */
export function toE164(input: string): string | null {
  const compact = input.trim().replace(separators, '');
  if (compact.startsWith('+')) {
    if (compact.startsWith('+1')) return nanp.test(compact.slice(2)) ? compact : null;
    return e164.test(compact) ? compact : null;
  }
  const national = compact.length === 11 && compact.startsWith('1') ? compact.slice(1) : compact;
  return nanp.test(national) ? `+1${national}` : null;
}
