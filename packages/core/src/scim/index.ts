// The scim area's public API: SCIM tokens (it owns `scim_tokens`) and SCIM provisioning of
// an account's users, which it does through the users area's service (S1).
export { scimErrorTypeOf } from './scim-error-type.js';
export { parseScimFilter } from './scim-filter.js';
export { applyScimPatch } from './scim-patch.js';
export { ScimService, type ScimUserPage } from './scim-service.js';
export { ScimTokensService, scimTokenPrefix } from './scim-tokens-service.js';
export type { ScimUserState } from './scim-user-state.js';
