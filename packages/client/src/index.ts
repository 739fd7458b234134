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
export type { DownloadedFile } from './http/downloaded-file.js';
export type {
  ConditionalRequestOptions,
  IdempotentRequestOptions,
  RequestOptions,
} from './http/request-options.js';
export type { AccountResource } from './resources/account-resource.js';
export type {
  AuditEventFilter,
  AuditEventsResource,
  AuditExportRange,
} from './resources/audit-events-resource.js';
export type { AuthResource } from './resources/auth-resource.js';
export type {
  IntegrationAddOptions,
  IntegrationsResource,
  OtherServiceCreate,
} from './resources/integrations-resource.js';
export type { MeResource } from './resources/me-resource.js';
export type { OperatorResource } from './resources/operator-resource.js';
export type { PhoneNumbersResource } from './resources/phone-numbers-resource.js';
export type { ScimTokensResource } from './resources/scim-tokens-resource.js';
export type { UserDeleteOptions, UsersResource } from './resources/users-resource.js';
export type { WebhookEndpointsResource } from './resources/webhook-endpoints-resource.js';
export {
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookHeaders,
} from './webhooks/verify-webhook.js';
export {
  isWebhookVerificationError,
  WebhookVerificationError,
  type WebhookVerificationFailure,
} from './webhooks/webhook-verification-error.js';
