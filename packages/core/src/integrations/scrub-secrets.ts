/** A fragment of a secret this long or longer is removed wherever it appears. */
const fragmentLength = 8;
/** Secrets shorter than this are not looked for: they would match ordinary words. */
const shortestSecret = 4;
/** How much of a message is examined at most (the rest is dropped). */
const longestMessage = 10_000;

/** Lower-cases each character on its own, so indexes stay aligned with the original text. */
function folded(text: string): string {
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : char;
  }
  return out;
}

/**
 * The forms a secret can take inside a message: as is, base64 and base64url (at each byte
 * alignment, so a fragment encoded on its own still matches), URL-encoded and JSON-escaped.
 */
function formsOf(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  const bytes = Buffer.from(secret, 'utf8');
  for (let offset = 0; offset < 3 && offset < bytes.length; offset++) {
    const tail = bytes.subarray(offset);
    forms.add(tail.toString('base64').replace(/=+$/, ''));
    forms.add(tail.toString('base64url'));
  }
  return [...forms];
}

/**
 * Removes every secret from a message a third party wrote (I4, I5): each secret value, any
 * fragment of one of `fragmentLength` (8) characters or more, and their base64, base64url,
 * URL and JSON encodings — case-insensitively. Each removed run becomes `***`. The result is
 * at most `maxLength` characters.
 *
 * @example scrubSecrets('bad key wJalrXUtnFEMI/K7', [secret]) // 'bad key ***'
 */
export function scrubSecrets(message: string, secrets: readonly string[], maxLength = 500): string {
  const text = message.slice(0, longestMessage);
  const haystack = folded(text);
  const fragments = new Set<string>();
  const shortForms: string[] = [];
  for (const secret of secrets) {
    if (secret.length < shortestSecret) continue;
    for (const form of formsOf(secret).map(folded)) {
      if (form.length < fragmentLength) shortForms.push(form);
      else
        for (let i = 0; i + fragmentLength <= form.length; i++)
          fragments.add(form.slice(i, i + fragmentLength));
    }
  }
  const hidden = new Uint8Array(text.length);
  for (let i = 0; i + fragmentLength <= haystack.length; i++)
    if (fragments.has(haystack.slice(i, i + fragmentLength))) hidden.fill(1, i, i + fragmentLength);
  for (const form of shortForms)
    for (let at = haystack.indexOf(form); at !== -1; at = haystack.indexOf(form, at + 1))
      hidden.fill(1, at, at + form.length);
  let scrubbed = '';
  for (let i = 0; i < text.length; ) {
    if (hidden[i]) {
      scrubbed += '***';
      while (i < text.length && hidden[i]) i++;
    } else scrubbed += text[i++];
  }
  return scrubbed.length > maxLength ? `${scrubbed.slice(0, maxLength - 1)}…` : scrubbed;
}

/** The secret values of a configuration: the strings at its `secretFields` (dotted paths). */
export function secretValues(config: unknown, secretFields: readonly string[]): string[] {
  const values: string[] = [];
  for (const path of secretFields) {
    let value: unknown = config;
    for (const part of path.split('.'))
      value = typeof value === 'object' && value !== null ? Reflect.get(value, part) : undefined;
    if (typeof value === 'string' && value) values.push(value);
  }
  return values;
}
