import type { Generated, Kysely, Transaction } from 'kysely';

/**
 * Column values as the drivers hand them back: timestamps are ISO strings (or Date from a
 * pg pool of the embedder's own), booleans are 0/1 on SQLite.
 */
type Timestamp = string;
type Bool = boolean | number;

export interface AccountsTable {
  id: string;
  company_name: string;
  address: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  phone_number: string | null;
  demo: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts the row's changes (C1); starts at 1. */
  version: Generated<number>;
}

export interface UsersTable {
  id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  email: string;
  email_key: string;
  is_admin: Bool;
  can_create: Bool;
  can_share: Bool;
  two_factor_enabled: Bool;
  /** Whether they ever set a password; a deactivated user keeps it (see `deactivated_at`). */
  status: 'pending' | 'active';
  password_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts the row's changes (C1); starts at 1. */
  version: Generated<number>;
  /** When the user was deactivated (U9); null while they may sign in. */
  deactivated_at: Generated<Timestamp | null>;
  /** The identity provider's id of the user (SCIM `externalId`), when one provisioned them. */
  external_id: Generated<string | null>;
}

export interface UserTokensTable {
  id: string;
  user_id: string;
  purpose: 'activation' | 'password_reset';
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: string;
  account_id: string | null;
  actor_type: 'user' | 'operator' | 'system' | 'scim';
  actor_id: string | null;
  action: string;
  /** The action's area (`user` of `user.added`), for `area.*` filters. */
  area: string;
  target_type: string;
  target_id: string;
  changed_fields: string;
  request_id: string | null;
  client_address: string | null;
  /** Never earlier than the account's previous event: a chain's times only go forward. */
  created_at: Timestamp;
  /** The event's place in its account's chain: 1, 2, 3… in commit order (E3). */
  seq: number;
  /** The audit key that sealed it (`audit_keys.id`); null when sealed without a key. */
  key_id: string | null;
  /** HMAC-SHA-256 over the previous event's seal and this event's canonical form. */
  seal: string;
}

/** One row per account with events: the head of its chain, and where a pruned chain starts. */
export interface AuditChainsTable {
  /** The account, or '' for events of no account. */
  account_id: string;
  last_seq: number;
  last_seal: string;
  last_at: Timestamp;
  /** The last pruned event (0 when none was), whose seal the first remaining event follows. */
  start_seq: number;
  start_seal: string;
  /** The seal of the start, under `checkpoint_key_id`; null while nothing was pruned. */
  checkpoint_key_id: string | null;
  checkpoint_seal: string | null;
}

/** Keys that seal audit events, each sealed by the key ring (key id beside it). */
export interface AuditKeysTable {
  id: string;
  wrapped_key_id: string;
  sealed: string;
  created_at: Timestamp;
}

export interface MailOutboxTable {
  id: string;
  recipient: string;
  /** The subject without secrets (a sign-in code is only in the sealed content). */
  subject: string;
  /** Text and HTML in clear: only when no key ring is configured; erased once sent. */
  text_body: string | null;
  html_body: string | null;
  /** `{ subject, text, html }` sealed under the key ring (AES-256-GCM); erased once sent. */
  sealed_content: string | null;
  /** The key ring key that sealed `sealed_content`. */
  key_id: string | null;
  template: string;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  sent_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface LoginChallengesTable {
  id: string;
  user_id: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RateLimitsTable {
  /** SHA-256 of the limited key (`login:email-address:…`), so no email or address is stored. */
  key_hash: string;
  window_start: Timestamp;
  failures: number;
}

export interface PhoneNumbersTable {
  id: string;
  account_id: string;
  number: string | null;
  owner_id: string;
  pci: Bool;
  application_id: string | null;
  status: 'provisioning' | 'active';
  /** The carrier's id of the number (e.g. a Twilio `PN…` sid), for releasing it. */
  provider_ref: string | null;
  /** When a release began (it claims the number); null otherwise. */
  releasing_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts the row's changes (C1); starts at 1. */
  version: Generated<number>;
}

export interface NumberQuarantineTable {
  number: string;
  released_at: Timestamp;
}

export interface IntegrationsTable {
  id: string;
  account_id: string;
  /** A registered integration service's id: `s3`, `dynamodb`, `dialogflow` or one of the embedder's. */
  service: string;
  name: string;
  name_key: string;
  description: string;
  details: string;
  sealed_config: string;
  key_id: string;
  status_state: 'ok' | 'failing' | 'unchecked';
  status_checked_at: Timestamp | null;
  status_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts the row's changes (C1); starts at 1. */
  version: Generated<number>;
}

/** A caller's idempotency key (C2): claimed while its request runs, then its answer. */
export interface IdempotencyKeysTable {
  /** `user:<id>` or `operator`. */
  caller: string;
  key: string;
  /** SHA-256 of the method, path and body the key was first used with. */
  fingerprint: string;
  /** The running request's claim; null once answered. */
  claim: string | null;
  /** A claim past this time was abandoned (its process died) and may be taken over. */
  locked_until: Timestamp | null;
  response_status: number | null;
  /** `{ name: value }` of the kept headers (`etag`, `location`, `content-type`). */
  response_headers: string | null;
  /** The answer's body; sealed under the key ring's key `response_key_id` when that is set. */
  response_body: string | null;
  /** The key ring key that sealed `response_body` (an answer showing a secret); null: clear. */
  response_key_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** Where an account's events are sent (E4); the secret is sealed under the key ring. */
export interface WebhookEndpointsTable {
  id: string;
  account_id: string;
  url: string;
  /** JSON array of event-type patterns: `user.added`, `user.*`, `*`. */
  event_types: string;
  description: string;
  enabled: Bool;
  /** The signing secret (`whsec_…`), AES-256-GCM sealed, bound to the account and endpoint. */
  sealed_secret: string;
  key_id: string;
  /** The secret a rotation replaced, still signing until `previous_secret_expires_at`. */
  previous_sealed_secret: string | null;
  previous_key_id: string | null;
  previous_secret_expires_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts the row's changes (C1); starts at 1. */
  version: Generated<number>;
}

/** One event to send to one endpoint (a transactional outbox), and where its sending stands. */
export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  account_id: string;
  event_id: string;
  event_type: string;
  /** The event's JSON, exactly the body every attempt sends. */
  payload: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Generated<number>;
  /** The attempt after which a failing delivery gives up. */
  max_attempts: number;
  /** When a pending delivery is due; while one is being sent, when its lease ends. */
  next_attempt_at: Timestamp | null;
  /** The claim of the worker sending it now; null otherwise. */
  lease: string | null;
  last_response_status: number | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Every attempt to send a delivery: what came back (never the receiver's body). */
export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  attempted_at: Timestamp;
  duration_ms: number;
  response_status: number | null;
  error: string | null;
}

/** An account's bearer token for SCIM provisioning (S1); only its SHA-256 is kept. */
export interface ScimTokensTable {
  id: string;
  account_id: string;
  description: string;
  token_hash: string;
  created_at: Timestamp;
  /** Written at most once a minute. */
  last_used_at: Timestamp | null;
  /** Set when revoked: the token stops working at once. */
  revoked_at: Timestamp | null;
}

/** The whole schema, as Kysely sees it. */
export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  user_tokens: UserTokensTable;
  audit_events: AuditEventsTable;
  audit_chains: AuditChainsTable;
  audit_keys: AuditKeysTable;
  mail_outbox: MailOutboxTable;
  sessions: SessionsTable;
  login_challenges: LoginChallengesTable;
  rate_limits: RateLimitsTable;
  phone_numbers: PhoneNumbersTable;
  number_quarantine: NumberQuarantineTable;
  integrations: IntegrationsTable;
  idempotency_keys: IdempotencyKeysTable;
  scim_tokens: ScimTokensTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}

/** A connection to the database or an open transaction: repositories take either. */
export type Executor = Kysely<Database> | Transaction<Database>;
