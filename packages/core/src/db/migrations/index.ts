import { initial } from './0001-initial.js';
import { identity } from './0002-identity.js';
import { phoneNumbers } from './0003-phone-numbers.js';
import { integrations } from './0004-integrations.js';
import { numberReleaseClaim } from './0005-number-release-claim.js';
import { sealedMail } from './0006-sealed-mail.js';
import { versionsAndIdempotency } from './0007-versions-and-idempotency.js';
import { auditLog } from './0008-audit-log.js';
import { deactivationAndScim } from './0009-deactivation-and-scim.js';
import { webhooks } from './0010-webhooks.js';
import { webhookDeliveryRetention } from './0011-webhook-delivery-retention.js';
import { sealedIdempotentAnswers } from './0012-sealed-idempotent-answers.js';
import { webhookDeliveryEndpointDue } from './0013-webhook-delivery-endpoint-due.js';
import type { SchemaMigration } from './migration-context.js';

/** Every schema step, in order. Append new ones; never rename or edit released ones. */
export const migrations: ReadonlyArray<readonly [name: string, migration: SchemaMigration]> = [
  ['0001-initial', initial],
  ['0002-identity', identity],
  ['0003-phone-numbers', phoneNumbers],
  ['0004-integrations', integrations],
  ['0005-number-release-claim', numberReleaseClaim],
  ['0006-sealed-mail', sealedMail],
  ['0007-versions-and-idempotency', versionsAndIdempotency],
  ['0008-audit-log', auditLog],
  ['0009-deactivation-and-scim', deactivationAndScim],
  ['0010-webhooks', webhooks],
  ['0011-webhook-delivery-retention', webhookDeliveryRetention],
  ['0012-sealed-idempotent-answers', sealedIdempotentAnswers],
  ['0013-webhook-delivery-endpoint-due', webhookDeliveryEndpointDue],
];
