export type * from '@switchboard/contract';
export {
  emailKey,
  errorCodes,
  errorKinds,
  isUsStateCode,
  isZipCode,
  toE164,
  usStateCodes,
} from '@switchboard/contract';
export { accountChanges } from './account/account-changes.js';
export type { AccountService } from './account/account-service.js';
export type { AuditEvent, AuditService } from './audit/audit-service.js';
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
export type { RequestOrigin } from './identity/identity-options.js';
export type { IdentityService } from './identity/identity-service.js';
export type { MeService } from './identity/me-service.js';
export { asvsScrypt, type ScryptParameters } from './identity/password-hasher.js';
export { defaultRateLimits, type RateLimitOptions } from './identity/rate-limiter.js';
export type {
  DetectedIntent,
  DialogflowAgent,
} from './integrations/connectors/dialogflow-agent.js';
export type { DynamoDbTable, Item } from './integrations/connectors/dynamodb-table.js';
export type { Connector } from './integrations/connectors/open-connector.js';
export type {
  RecordingObject,
  RecordingStore,
} from './integrations/connectors/s3-recording-store.js';
export type { IntegrationsService } from './integrations/integrations-service.js';
export {
  type KeyRing,
  keyRingFromString,
  newKeyRingEntry,
  type SealedSecret,
} from './integrations/key-ring.js';
export type { ServiceEndpoints } from './integrations/service-endpoints.js';
export { logMailer } from './mail/log-mailer.js';
export type { Mailer, MailMessage } from './mail/mailer.js';
export { type SmtpMailer, type SmtpMailerOptions, smtpMailer } from './mail/smtp-mailer.js';
export type { CreatedAccount, OperatorService } from './operator/operator-service.js';
export {
  type LocalTollFreePoolOptions,
  localTollFreePool,
} from './phone-numbers/local-toll-free-pool.js';
export type {
  NumberProvisioner,
  ProvisionedNumber,
  ProvisionRequest,
} from './phone-numbers/number-provisioner.js';
export type { PhoneNumbersService } from './phone-numbers/phone-numbers-service.js';
export { isTollFreeNumber, tollFreeNpas } from './phone-numbers/toll-free-number.js';
export {
  type TwilioProvisionerOptions,
  twilioProvisioner,
} from './phone-numbers/twilio-provisioner.js';
export type { Actor } from './shared/actor.js';
export { type Clock, systemClock } from './shared/clock.js';
export { consoleLogger, type Logger, silentLogger } from './shared/logger.js';
export type { UsersService } from './users/users-service.js';
