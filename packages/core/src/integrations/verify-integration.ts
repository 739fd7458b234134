import type { IntegrationCreateBase, IntegrationService } from './integration-service.js';
import { scrubSecrets, secretValues } from './scrub-secrets.js';
import type { ServiceEndpoints } from './service-endpoints.js';
import {
  classifyFailure,
  failureReason,
  type VerificationFailureKind,
} from './verification-failure.js';

/** The outcome of asking the service whether the credentials work (I5). */
export type VerificationResult =
  | { ok: true }
  | { ok: false; failure: VerificationFailureKind; reason: string };

/**
 * Asks the service whether the configuration's credentials work (DynamoDB ListTables, S3
 * ListBuckets, Dialogflow GetAgent, …), bounded by `timeoutMs`. A failure says whether the
 * service could not be reached or refused, in the service's words with every secret —
 * fragments and encodings too — scrubbed.
 */
export async function verifyIntegration<Config, Client>(
  service: IntegrationService<string, IntegrationCreateBase, Config, Client>,
  config: Config,
  endpoints: ServiceEndpoints,
  timeoutMs: number,
): Promise<VerificationResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  let client: Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  // For a service that ignores its signal; the grace lets the service's own timeout win.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DOMException('The service did not answer in time', 'TimeoutError')),
      timeoutMs + 1_000,
    );
  });
  try {
    const creating = service.createClient(config, endpoints);
    client = await Promise.race([creating, late]).catch((error: unknown) => {
      void creating.then((created) => service.closeClient(created)).catch(() => {});
      throw error;
    });
    await Promise.race([service.verify(client, config, { timeoutMs, signal }), late]);
    return { ok: true };
  } catch (error) {
    const { kind, detail } = classifyFailure(error);
    const secrets = secretValues(config, service.secretFields);
    return { ok: false, failure: kind, reason: scrubSecrets(failureReason(kind, detail), secrets) };
  } finally {
    clearTimeout(timer);
    if (client !== undefined) await service.closeClient(client).catch(() => {});
  }
}
