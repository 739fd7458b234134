export { clientVersion } from './client-version.js';
export { type ClientOptions, createClient, type SwitchboardClient } from './create-client.js';
export {
  ConflictError,
  ForbiddenError,
  isSwitchboardApiError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitedError,
  ServerError,
  UnauthenticatedError,
  UnprocessableError,
  ValidationError,
} from './errors/api-error-kinds.js';
export { ConnectionError, isConnectionError } from './errors/connection-error.js';
export { ResponseShapeError } from './errors/response-shape-error.js';
export {
  type ApiErrorDetails,
  type RequestInfo,
  SwitchboardApiError,
} from './errors/switchboard-api-error.js';
export type { FetchLike } from './http/api-transport.js';
export type {
  ConditionalRequestOptions,
  IdempotentRequestOptions,
  RequestOptions,
} from './http/request-options.js';
export type { AccountResource } from './resources/account-resource.js';
export type { AuthResource } from './resources/auth-resource.js';
export type {
  IntegrationAddOptions,
  IntegrationsResource,
  OtherServiceCreate,
} from './resources/integrations-resource.js';
export type { MeResource } from './resources/me-resource.js';
export type { OperatorResource } from './resources/operator-resource.js';
export type { PhoneNumbersResource } from './resources/phone-numbers-resource.js';
export type { UserDeleteOptions, UsersResource } from './resources/users-resource.js';
