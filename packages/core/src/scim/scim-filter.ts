import { emailKey, scimUrns } from '@switchboard/contract';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { ProvisionedUserFilter } from '../users/index.js';

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'paren'; text: '(' | ')' };

/** `invalidFilter`: the filter is malformed or asks for what is not supported. */
function invalidFilter(message: string): SwitchboardError {
  return new SwitchboardError('validation_failed', `Invalid filter: ${message}`, {
    issues: [{ path: 'filter', message }],
  });
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const char = filter[i] ?? '';
    if (/\s/.test(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: 'paren', text: char });
      i++;
    } else if (char === '"') {
      // A JSON string: escapes as in JSON (RFC 7644 §3.4.2.2).
      let end = i + 1;
      while (end < filter.length && filter[end] !== '"') end += filter[end] === '\\' ? 2 : 1;
      if (end >= filter.length) throw invalidFilter('a string is not closed');
      try {
        tokens.push({ kind: 'string', value: JSON.parse(filter.slice(i, end + 1)) as string });
      } catch {
        throw invalidFilter('a string has a bad escape');
      }
      i = end + 1;
    } else {
      const match = /^[^\s()"]+/.exec(filter.slice(i));
      const text = match?.[0] ?? char;
      // A value path (`emails[type eq "work"]`) is not supported here.
      if (text.includes('[')) throw invalidFilter(`"${text}": value filters are not supported`);
      tokens.push({ kind: 'word', text });
      i += text.length;
    }
  }
  return tokens;
}

/** The filterable attributes of a User, by their lower-cased names. */
const attributes = {
  id: 'id',
  username: 'emailKey',
  'emails.value': 'emailKey',
  externalid: 'externalId',
  active: 'active',
} as const satisfies Record<string, keyof ProvisionedUserFilter>;

function attributeOf(path: string): keyof ProvisionedUserFilter {
  const lower = path.toLowerCase();
  const prefix = `${scimUrns.user.toLowerCase()}:`;
  const name = lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
  const attribute = attributes[name as keyof typeof attributes];
  if (!attribute) {
    throw invalidFilter(
      `"${path}" cannot be filtered on (userName, emails.value, externalId, active and id can)`,
    );
  }
  return attribute;
}

/**
 * Reads a SCIM filter (RFC 7644 §3.4.2.2) of the kind identity providers send: `eq` on
 * `userName` or `emails.value` (compared by the email key of U1, so case-insensitively),
 * `externalId` (exactly), `active` or `id`, joined with `and`, in parentheses or not.
 * Anything else (`or`, `not`, `co`, `sw`, other attributes) is `invalidFilter`. Two different
 * values for one attribute match nobody.
 *
 * @example parseScimFilter('userName eq "Ada@Acme.test" and active eq true') // { emailKey: 'ada@acme.test', active: true }
 */
export function parseScimFilter(filter: string): ProvisionedUserFilter {
  const tokens = tokenize(filter);
  let at = 0;
  const result: ProvisionedUserFilter = {};
  const set = (key: keyof ProvisionedUserFilter, value: string | boolean) => {
    const previous = result[key];
    if (previous !== undefined && previous !== value) result.none = true;
    else Object.assign(result, { [key]: value });
  };
  const term = (): void => {
    const token = tokens[at++];
    if (token?.kind === 'paren' && token.text === '(') {
      conjunction();
      const close = tokens[at++];
      if (close?.kind !== 'paren' || close.text !== ')') throw invalidFilter('a "(" is not closed');
      return;
    }
    if (token?.kind !== 'word') throw invalidFilter('expected an attribute');
    const attribute = attributeOf(token.text);
    const operator = tokens[at++];
    if (operator?.kind !== 'word') throw invalidFilter(`expected an operator after ${token.text}`);
    if (operator.text.toLowerCase() !== 'eq') {
      throw invalidFilter(`"${operator.text}" is not supported (only eq, joined by and)`);
    }
    const value = tokens[at++];
    if (attribute === 'active') {
      const text =
        value?.kind === 'word' ? value.text : value?.kind === 'string' ? value.value : '';
      if (!/^(true|false)$/i.test(text)) throw invalidFilter('active compares with true or false');
      set('active', text.toLowerCase() === 'true');
      return;
    }
    if (value?.kind !== 'string') throw invalidFilter(`${token.text} compares with a "string"`);
    set(attribute, attribute === 'emailKey' ? emailKey(value.value) : value.value);
  };
  const conjunction = (): void => {
    term();
    while (tokens[at]?.kind === 'word') {
      const word = (tokens[at] as { text: string }).text.toLowerCase();
      if (word !== 'and') throw invalidFilter(`"${word}" is not supported (only and)`);
      at++;
      term();
    }
  };
  if (tokens.length === 0) throw invalidFilter('the filter is empty');
  conjunction();
  if (at < tokens.length) throw invalidFilter('unexpected text after the filter');
  return result;
}
