import {
  isPlausibleEmail,
  type ScimPatchOperation,
  scimBooleanSchema,
  scimUrns,
} from '@switchboard/contract';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { ScimUserState } from './scim-user-state.js';

/** Where an operation applies: one attribute Switchboard keeps, a complex one, or nothing kept. */
type Target =
  | { kind: 'text'; key: 'userName' | 'givenName' | 'familyName' | 'email' }
  | { kind: 'externalId' }
  | { kind: 'flag'; key: 'active' | 'isAdmin' | 'canCreate' | 'canShare' }
  | { kind: 'name' }
  | { kind: 'emails' }
  | { kind: 'extension' }
  | { kind: 'ignored' };

const extensionFlags: Record<string, 'isAdmin' | 'canCreate' | 'canShare'> = {
  isadmin: 'isAdmin',
  cancreate: 'canCreate',
  canshare: 'canShare',
};

/** A problem with operation `index`: its path (`invalidPath`), value (`invalidValue`) or target (`noTarget`). */
function invalid(index: number, part: 'path' | 'value' | null, message: string): SwitchboardError {
  const path = part === null ? `Operations[${index}]` : `Operations[${index}].${part}`;
  return new SwitchboardError('validation_failed', `${path}: ${message}`, {
    issues: [{ path, message }],
  });
}

/** The emails a value filter (`[type eq "work"]`) picks: ours (work or primary), or another kind. */
function emailFilterTarget(filter: string, index: number): 'ours' | 'other' {
  const type = /^\s*type\s+eq\s+"([^"]*)"\s*$/i.exec(filter);
  if (type) return type[1]?.toLowerCase() === 'work' ? 'ours' : 'other';
  if (/^\s*primary\s+eq\s+true\s*$/i.test(filter)) return 'ours';
  throw invalid(index, 'path', `the value filter [${filter}] is not supported`);
}

/**
 * The target of a PatchOp path (RFC 7644 §3.5.2), attribute names compared case-insensitively:
 * `active`, `userName`, `externalId`, `name`, `name.givenName`, `name.familyName`, `emails`,
 * `emails.value`, `emails[type eq "work"].value`, the extension and its `…:isAdmin`,
 * `…:canCreate`, `…:canShare`, each also with the core schema's URN in front. Attributes
 * Switchboard does not keep (`displayName`, `title`, the enterprise extension…) are ignored.
 */
export function patchTarget(path: string, index: number): Target {
  let rest = path.trim();
  const lower = rest.toLowerCase();
  const extension = scimUrns.switchboardUser.toLowerCase();
  if (lower === extension) return { kind: 'extension' };
  if (lower.startsWith(`${extension}:`)) {
    const flag = extensionFlags[lower.slice(extension.length + 1)];
    return flag ? { kind: 'flag', key: flag } : { kind: 'ignored' };
  }
  const core = `${scimUrns.user.toLowerCase()}:`;
  if (lower.startsWith(core)) rest = rest.slice(core.length);
  else if (lower.startsWith('urn:')) return { kind: 'ignored' };
  const match = /^([a-z$][\w$-]*)(?:\[([^\]]*)\])?(?:\.([a-z$][\w$-]*))?$/i.exec(rest);
  if (!match) throw invalid(index, 'path', `"${path}" is not a valid attribute path`);
  const [, attribute = '', filter, sub] = match;
  const name = attribute.toLowerCase();
  const subName = sub?.toLowerCase();
  if (name === 'emails') {
    if (filter !== undefined && emailFilterTarget(filter, index) === 'other')
      return { kind: 'ignored' };
    if (subName === undefined) return { kind: 'emails' };
    return subName === 'value' ? { kind: 'text', key: 'email' } : { kind: 'ignored' };
  }
  if (filter !== undefined) return { kind: 'ignored' };
  if (name === 'name') {
    if (subName === undefined) return { kind: 'name' };
    if (subName === 'givenname') return { kind: 'text', key: 'givenName' };
    if (subName === 'familyname') return { kind: 'text', key: 'familyName' };
    return { kind: 'ignored' };
  }
  if (sub !== undefined) return { kind: 'ignored' };
  if (name === 'username') return { kind: 'text', key: 'userName' };
  if (name === 'externalid') return { kind: 'externalId' };
  if (name === 'active') return { kind: 'flag', key: 'active' };
  return { kind: 'ignored' };
}

function asText(value: unknown, index: number): string {
  if (typeof value !== 'string') throw invalid(index, 'value', 'expected a string');
  return value;
}

function asFlag(value: unknown, index: number): boolean {
  const parsed = scimBooleanSchema.safeParse(value);
  if (!parsed.success) throw invalid(index, 'value', 'expected true or false');
  return parsed.data;
}

function asObject(value: unknown, index: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(index, 'value', 'expected an object');
  return value as Record<string, unknown>;
}

/** The email a value of `emails` gives: the primary one, else the work one, else the first. */
function emailFromEmails(value: unknown, index: number): string | undefined {
  const list = (Array.isArray(value) ? value : [value]).map((item) => asObject(item, index));
  const chosen =
    list.find((email) => scimBooleanSchema.safeParse(email.primary).data === true) ??
    list.find((email) => String(email.type ?? '').toLowerCase() === 'work') ??
    list[0];
  return chosen === undefined ? undefined : asText(chosen.value, index);
}

/** Sets `target` of `state` to `value` (`add` and `replace` alike: every kept attribute is single-valued). */
function set(state: ScimUserState, target: Target, value: unknown, index: number): void {
  switch (target.kind) {
    case 'text': {
      const text = asText(value, index);
      // A userName that is not an email (an Entra UPN) leaves the email to `emails`.
      if (target.key === 'userName' && !isPlausibleEmail(text.trim())) return;
      state[target.key === 'email' ? 'userName' : target.key] = text;
      return;
    }
    case 'externalId':
      state.externalId = value === null ? null : asText(value, index);
      return;
    case 'flag':
      state[target.key] = asFlag(value, index);
      return;
    case 'name':
      for (const [key, sub] of Object.entries(asObject(value, index)))
        set(state, patchTarget(`name.${key}`, index), sub, index);
      return;
    case 'emails': {
      const email = emailFromEmails(value, index);
      if (email !== undefined) state.userName = email;
      return;
    }
    case 'extension':
      for (const [key, sub] of Object.entries(asObject(value, index)))
        set(state, patchTarget(`${scimUrns.switchboardUser}:${key}`, index), sub, index);
      return;
    case 'ignored':
      return;
  }
}

/** Removes `target` from `state`: the external id and flags clear; required attributes cannot go. */
function remove(state: ScimUserState, target: Target, index: number): void {
  switch (target.kind) {
    case 'externalId':
      state.externalId = null;
      return;
    case 'flag':
      if (target.key === 'active') throw invalid(index, 'value', 'active cannot be removed');
      state[target.key] = false;
      return;
    case 'extension':
      state.isAdmin = false;
      state.canCreate = false;
      state.canShare = false;
      return;
    case 'ignored':
      return;
    default:
      throw invalid(
        index,
        'value',
        'a required attribute (userName, name, emails) cannot be removed',
      );
  }
}

/**
 * Applies the operations of a PatchOp (RFC 7644 §3.5.2) to a user's state, in order, and
 * returns the new state (the given one is not changed). With a `path`, an operation targets
 * that attribute; without, an `add` or `replace` takes an object whose members are paths
 * (`{ "active": false }`, `{ "name.givenName": "Ada" }`, the extension's URN…). Booleans may
 * be strings (`"False"`, as Entra ID sends). Problems are `validation_failed` naming
 * `Operations[i].path` (an invalid path), `Operations[i].value` (an invalid value) or
 * `Operations[i]` (a `remove` without a path).
 *
 * @example applyScimPatch(state, [{ op: 'replace', path: 'active', value: 'False' }]).active // false
 */
export function applyScimPatch(
  state: ScimUserState,
  operations: readonly ScimPatchOperation[],
): ScimUserState {
  const next = { ...state };
  operations.forEach((operation, index) => {
    const { op, path, value } = operation;
    if (path === undefined || path.trim() === '') {
      if (op === 'remove') throw invalid(index, null, 'remove needs a path');
      for (const [key, member] of Object.entries(asObject(value, index))) {
        const lower = key.toLowerCase();
        if (lower === scimUrns.user.toLowerCase()) {
          for (const [sub, subValue] of Object.entries(asObject(member, index)))
            set(next, patchTarget(sub, index), subValue, index);
        } else set(next, patchTarget(key, index), member, index);
      }
      return;
    }
    const target = patchTarget(path, index);
    if (op === 'remove') remove(next, target, index);
    else set(next, target, value, index);
  });
  return next;
}
