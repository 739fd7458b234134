import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DialectName } from '../db/dialect-name.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { Write } from './write-pipeline.js';

/** What every service is built from: the database, its dialect, the ports and the write pipeline. */
export interface ServiceContext {
  /** For reads; every change goes through `write`. */
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  logger: Logger;
  /** Runs a change: its transaction, audit events and mail (see `WritePipeline`). */
  write: Write;
  /** Base of links in emails, without a trailing slash: `https://admin.example.com`. */
  publicUrl: string;
}
