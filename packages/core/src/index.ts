export type * from '@switchboard/contract';
export {
  emailKey,
  errorCodes,
  errorTable,
  isUsStateCode,
  isZipCode,
  toE164,
  usStateCodes,
} from '@switchboard/contract';
export { type AccountService, accountChanges } from './account/index.js';
export type { AccountVerification, AuditExport, AuditService } from './audit/index.js';
export {
  createSwitchboard,
  type Switchboard,
  type SwitchboardOptions,
} from './create-switchboard.js';
export type { Database } from './db/database.js';
export { migrationLockTableName, migrationTableName } from './db/migrate.js';
export { type PostgresOptions, postgres } from './db/postgres-dialect.js';
export { type SqliteOptions, sqlite } from './db/sqlite-dialect.js';
export { toFieldIssues } from './errors/parse-input.js';
export { isSwitchboardError, SwitchboardError } from './errors/switchboard-error.js';
export {
  type IdempotencyService,
  type IdempotentRequest,
  isKeptStatus,
  type KeptAnswer,
  type KeyedRequest,
  type KeyedStart,
} from './idempotency/index.js';
export {
  asvsScrypt,
  defaultRateLimits,
  type IdentityService,
  type MeService,
  type RateLimitOptions,
  type RequestOrigin,
  type ScryptParameters,
} from './identity/index.js';
export {
  builtInIntegrationServices,
  type Connector,
  type ConnectorFor,
  type DetectedIntent,
  type DialogflowAgent,
  type DynamoDbConnector,
  type DynamoDbTable,
  defineIntegrationService,
  dialogflowIntegrationService,
  dynamoDbIntegrationService,
  type IntegrationAddInput,
  type IntegrationCreateBase,
  type IntegrationService,
  type IntegrationServiceApi,
  type IntegrationServicesOption,
  type IntegrationsService,
  type Item,
  type KeyRing,
  keyRingFromString,
  newKeyRingEntry,
  type RecordingObject,
  type RecordingStore,
  type S3Connector,
  type SealedSecret,
  type ServiceEndpoints,
  s3IntegrationService,
  type VerifyOptions,
} from './integrations/index.js';
export {
  logMailer,
  type Mailer,
  type MailMessage,
  type SmtpMailer,
  type SmtpMailerOptions,
  smtpMailer,
} from './mail/index.js';
export type { CreatedAccount, OperatorService } from './operator/index.js';
export {
  isTollFreeNumber,
  type LocalTollFreePoolOptions,
  localTollFreePool,
  type NumberProvisioner,
  type PhoneNumbersService,
  type ProvisionedNumber,
  type ProvisionRequest,
  type TwilioProvisionerOptions,
  tollFreeNpas,
  twilioProvisioner,
} from './phone-numbers/index.js';
export {
  type ScimService,
  type ScimTokensService,
  type ScimUserPage,
  type ScimUserState,
  scimErrorTypeOf,
  scimTokenPrefix,
} from './scim/index.js';
export type { Actor } from './shared/actor.js';
export { type Clock, systemClock } from './shared/clock.js';
export { consoleLogger, type Logger, silentLogger } from './shared/logger.js';
export {
  type OperatorActor,
  operatorActor,
  type SystemActor,
} from './shared/operator-actor.js';
export type { RequestContext } from './shared/request-context.js';
export type { VersionCondition } from './shared/version-condition.js';
export type { ScimActor } from './shared/write-pipeline.js';
export type { ProvisionedUser, UsersAdmin, UsersService } from './users/index.js';
export type {
  HostLookup,
  ResolvedAddress,
  WebhookOptions,
  WebhooksService,
} from './webhooks/index.js';
