import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DialectName } from '../db/dialect-name.js';
import type { MailOutbox } from '../mail/mail-outbox.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/** What every service is built from: the database, its dialect and the ports. */
export interface ServiceContext {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  logger: Logger;
  outbox: MailOutbox;
  /** Base of links in emails, without a trailing slash: `https://admin.example.com`. */
  publicUrl: string;
}
