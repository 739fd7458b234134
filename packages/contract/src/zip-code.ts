const zipShape = /^\d{5}(?:-\d{4})?$/;

/** True for a US ZIP code `12345` or ZIP+4 `12345-6789`. */
export function isZipCode(value: string): boolean {
  return zipShape.test(value);
}
