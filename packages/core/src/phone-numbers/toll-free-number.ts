/** The North American toll-free area codes (NPAs). */
export const tollFreeNpas = ['800', '833', '844', '855', '866', '877', '888'] as const;

/** A random valid toll-free number in E.164: +1, a toll-free area code, an exchange 200..999, 4 digits. */
export function randomTollFreeNumber(random: (max: number) => number): string {
  const npa = tollFreeNpas[random(tollFreeNpas.length)] ?? '800';
  const exchange = String(200 + random(800));
  const line = String(random(10_000)).padStart(4, '0');
  return `+1${npa}${exchange}${line}`;
}

/** True for an E.164 North American toll-free number. */
export function isTollFreeNumber(number: string): boolean {
  const match = /^\+1(\d{3})([2-9]\d{2})(\d{4})$/.exec(number);
  return match !== null && (tollFreeNpas as readonly string[]).includes(match[1] ?? '');
}
