import type { ScimErrorType } from '@switchboard/contract';
import type { SwitchboardError } from '../errors/switchboard-error.js';

/**
 * The SCIM `scimType` of an error a SCIM call threw (RFC 7644 §3.12), when it has one: the
 * email rule (U1) is `uniqueness`; a bad request is `invalidFilter` (the filter),
 * `invalidSyntax` (a body that is not JSON, or not an object), `invalidPath` or `noTarget`
 * (a PatchOp's path, or a remove without one), else `invalidValue`. The SCIM service names
 * the parts of a request in its issues' paths for this.
 *
 * @example scimErrorTypeOf(new SwitchboardError('email_taken')) // 'uniqueness'
 */
export function scimErrorTypeOf(error: SwitchboardError): ScimErrorType | undefined {
  if (error.code === 'email_taken') return 'uniqueness';
  if (error.code !== 'validation_failed') return undefined;
  const path = error.issues?.[0]?.path ?? '';
  if (path === 'filter') return 'invalidFilter';
  if (path === '') return 'invalidSyntax';
  if (/^Operations\[\d+\]$/.test(path)) return 'noTarget';
  if (/^Operations\[\d+\]\.path$/.test(path)) return 'invalidPath';
  return 'invalidValue';
}
