/**
 * A phone number as people read it: a North American number (`+1` and ten digits) grouped
 * as `+1 800 555 0100`; any other E.164 number as it is.
 *
 * @example phoneNumberDisplay('+18005550100') // '+1 800 555 0100'
 */
export function phoneNumberDisplay(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}` : e164;
}
