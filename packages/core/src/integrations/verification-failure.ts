/**
 * Why a check of an integration failed: `unreachable` — no answer came (DNS, network, TLS,
 * timeout); `refused` — the service answered and said no (credentials, permissions, an
 * unknown project); `failed` — anything else.
 */
export type VerificationFailureKind = 'unreachable' | 'refused' | 'failed';

/** The words every user may see for each kind; admins see the service's own text after them. */
const summaries: Record<VerificationFailureKind, string> = {
  unreachable: 'The service could not be reached',
  refused: 'The service refused the credentials',
  failed: 'The check failed',
};

const networkCodes = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'EPROTO',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** gRPC status codes meaning no answer came: CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE. */
const grpcNoAnswer = new Set([1, 4, 14]);

type ErrorFields = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  errno?: unknown;
  status?: unknown;
  statusCode?: unknown;
  details?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
  errors?: unknown;
};

const fieldsOf = (error: unknown): ErrorFields =>
  typeof error === 'object' && error !== null ? (error as ErrorFields) : {};

/** The error and everything it wraps (`cause`, an AggregateError's `errors`), a few levels deep. */
function chain(error: unknown, depth = 0): unknown[] {
  if (depth > 4 || typeof error !== 'object' || error === null) return [error];
  const fields = fieldsOf(error);
  const inner = Array.isArray(fields.errors) ? fields.errors : [];
  return [
    error,
    ...inner.flatMap((e) => chain(e, depth + 1)),
    ...(fields.cause === undefined ? [] : chain(fields.cause, depth + 1)),
  ];
}

/** A gRPC (or google-gax) error: a numeric status code with `details` or `metadata`. */
function isGrpcError(error: unknown): boolean {
  const fields = fieldsOf(error);
  return typeof fields.code === 'number' && ('details' in fields || 'metadata' in fields);
}

function isNoAnswer(error: unknown): boolean {
  const { name, code } = fieldsOf(error);
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  if (typeof code === 'string' && networkCodes.has(code)) return true;
  return isGrpcError(error) && grpcNoAnswer.has(fieldsOf(error).code as number);
}

function isAnswer(error: unknown): boolean {
  const fields = fieldsOf(error);
  if (typeof fields.$metadata?.httpStatusCode === 'number') return true;
  if (typeof fields.status === 'number' || typeof fields.statusCode === 'number') return true;
  return isGrpcError(error);
}

/** The error's own words: `Name: message (code)`; a timeout says so plainly. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError')
    return 'The service did not answer in time';
  const { Code, code } = fieldsOf(error);
  const tag = Code ?? code;
  const name = error.name !== 'Error' ? `${error.name}: ` : '';
  const suffix =
    tag !== undefined && tag !== error.name && !error.message.includes(String(tag))
      ? ` (${String(tag)})`
      : '';
  const cause = fieldsOf(error).cause;
  const because =
    cause instanceof Error && !error.message.includes(cause.message) ? ` — ${describe(cause)}` : '';
  return `${name}${error.message}${suffix}${because}`;
}

/** What went wrong in a check, in general and in the service's words (not yet scrubbed). */
export function classifyFailure(error: unknown): { kind: VerificationFailureKind; detail: string } {
  const links = chain(error);
  const kind = links.some(isNoAnswer) ? 'unreachable' : links.some(isAnswer) ? 'refused' : 'failed';
  return { kind, detail: describe(error) };
}

/** The reason kept and shown to admins: the summary, then the service's (scrubbed) words. */
export function failureReason(kind: VerificationFailureKind, detail: string): string {
  return detail ? `${summaries[kind]}: ${detail}` : summaries[kind];
}

/**
 * The reason every user may see (I5, issue 17): the summary a stored reason starts with,
 * without the service's own words — they can echo what the credentials were.
 */
export function memberReason(reason: string): string {
  for (const summary of Object.values(summaries)) if (reason.startsWith(summary)) return summary;
  return summaries.failed;
}
