/** PostgreSQL codes of a session the server ended or could not start (class 08, 57P0x, 53300). */
const lostCodes = new Set([
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown, a failover
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections: every connection slot is taken, for now
  '57P05', // idle_session_timeout
  '25P03', // idle_in_transaction_session_timeout
]);

/** Socket errors of a peer that went away or cannot be reached. */
const socketCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
]);

/** What `pg` says when a query never left the client because its connection is dead. */
const notSentMessages = [
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/** What `pg` and `pg-pool` say when a connection dies or cannot be opened. */
const lostMessages = [
  ...notSentMessages,
  'Connection terminated',
  'timeout exceeded when trying to connect',
];

/**
 * True when `error` says the database connection was lost or could not be opened (a
 * terminated backend, a failover, a restart, a network cut) rather than that the statement
 * was wrong: the same statement may succeed on a new connection.
 */
export function isConnectionLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (lostCodes.has(code) || socketCodes.has(code))) return true;
  return typeof message === 'string' && lostMessages.some((m) => message.startsWith(m));
}

/** Failures to open a connection: no statement was sent on it. */
const connectCodes = new Set(['ECONNREFUSED', '57P03', '08001', '08004', '53300']);

/**
 * True when a lost connection failed a statement before it was sent (the client was
 * already dead, or no connection could be opened): the statement certainly never ran.
 */
export function wasNeverSent(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && connectCodes.has(code)) return true;
  return (
    typeof message === 'string' &&
    (notSentMessages.some((m) => message.startsWith(m)) ||
      message.startsWith('timeout exceeded when trying to connect'))
  );
}
