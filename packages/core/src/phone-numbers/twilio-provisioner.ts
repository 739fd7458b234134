import { SwitchboardError } from '../errors/switchboard-error.js';
import type { NumberProvisioner, ProvisionedNumber } from './number-provisioner.js';

export interface TwilioProvisionerOptions {
  accountSid: string;
  authToken: string;
  /** API base. Default `https://api.twilio.com`. */
  baseUrl?: string;
  /** Milliseconds per HTTP attempt. Default 10000. */
  timeoutMs?: number;
  /** Retries of reads and releases on 429, 5xx and network failures. Default 2. */
  retries?: number;
  /** Country of the toll-free numbers. Default `US`. */
  country?: string;
  fetch?: typeof fetch;
}

/** A carrier error body: `{ code, message, more_info, status }`. */
interface CarrierError {
  code?: number;
  message?: string;
  status?: number;
}

/** Twilio's "this number is no longer available" — another buyer was faster. */
const notAvailableCodes = new Set([21422, 21452]);

class CarrierHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: CarrierError,
  ) {
    super(
      `carrier answered ${status}${body.code ? ` (error ${body.code})` : ''}: ${body.message ?? 'no message'}`,
    );
  }
}

/**
 * A provisioner for a Twilio-style carrier REST API: finds an available toll-free number,
 * buys it (`IncomingPhoneNumbers`), and releases it by its `PN…` sid. Uses `fetch` with a
 * timeout per attempt and retries for reads and releases; a purchase is never blindly
 * retried — after an ambiguous failure it asks the carrier whether the number became ours,
 * so a confirmed number is not lost. Carrier failures become `unavailable` errors; the
 * auth token never appears in them.
 *
 * @example createSwitchboard({ database, numberProvisioner: twilioProvisioner({ accountSid, authToken }) })
 */
export function twilioProvisioner(options: TwilioProvisionerOptions): NumberProvisioner {
  const base = `${(options.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const doFetch = options.fetch ?? fetch;

  async function once(
    method: string,
    path: string,
    form?: Record<string, string>,
  ): Promise<Response> {
    return doFetch(`${base}${path}`, {
      method,
      headers: {
        authorization,
        accept: 'application/json',
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  /** One call; reads and deletes retry on 429/5xx/network with back-off. */
  async function call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    form?: Record<string, string>,
  ): Promise<T | null> {
    const retriable = method !== 'POST';
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await once(method, path, form);
      } catch (error) {
        if (retriable && attempt < retries) {
          await sleep(backoff(attempt));
          continue;
        }
        throw error;
      }
      if (response.ok) return response.status === 204 ? null : ((await response.json()) as T);
      const body = (await response.json().catch(() => ({}))) as CarrierError;
      if (retriable && attempt < retries && (response.status === 429 || response.status >= 500)) {
        await sleep(retryAfterMs(response) ?? backoff(attempt));
        continue;
      }
      throw new CarrierHttpError(response.status, body);
    }
  }

  const unavailable = (what: string, error: unknown) =>
    new SwitchboardError('unavailable', `The carrier could not ${what}: ${describe(error)}`, {
      cause: error,
    });

  type Owned = {
    incoming_phone_numbers: { sid: string; phone_number: string; friendly_name?: string }[];
  };

  async function owned(number: string): Promise<ProvisionedNumber | null> {
    const found = await call<Owned>(
      'GET',
      `/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(number)}`,
    );
    const match = found?.incoming_phone_numbers.find((n) => n.phone_number === number);
    return match ? { number: match.phone_number, providerRef: match.sid } : null;
  }

  return {
    async provision(request) {
      let candidates: string[];
      try {
        const page = await call<{ available_phone_numbers: { phone_number: string }[] }>(
          'GET',
          `/AvailablePhoneNumbers/${options.country ?? 'US'}/TollFree.json?PageSize=5`,
        );
        candidates = page?.available_phone_numbers.map((n) => n.phone_number) ?? [];
      } catch (error) {
        throw unavailable('list available toll-free numbers', error);
      }
      if (candidates.length === 0) throw unavailable('offer a toll-free number', 'none available');
      let lastError: unknown;
      for (const number of candidates) {
        try {
          const bought = await call<{ sid: string; phone_number: string }>(
            'POST',
            '/IncomingPhoneNumbers.json',
            { PhoneNumber: number, FriendlyName: request.reference },
          );
          if (!bought) throw new Error('empty purchase answer');
          return { number: bought.phone_number, providerRef: bought.sid };
        } catch (error) {
          lastError = error;
          if (error instanceof CarrierHttpError && notAvailableCodes.has(error.body.code ?? 0))
            continue;
          if (error instanceof CarrierHttpError && error.status < 500) break;
          // Timeout, network failure or 5xx: the purchase may have gone through.
          const recovered = await owned(number).catch(() => null);
          if (recovered) return recovered;
          break;
        }
      }
      throw unavailable('provide a toll-free number', lastError);
    },

    async findProvisioned(reference) {
      try {
        const found = await call<Owned>(
          'GET',
          `/IncomingPhoneNumbers.json?FriendlyName=${encodeURIComponent(reference)}`,
        );
        const match = found?.incoming_phone_numbers.find((n) => n.friendly_name === reference);
        return match ? { number: match.phone_number, providerRef: match.sid } : null;
      } catch (error) {
        throw unavailable(`look up the number bought for ${reference}`, error);
      }
    },

    async release(number) {
      try {
        const sid = number.providerRef ?? (await owned(number.number))?.providerRef;
        if (!sid) return; // the carrier does not hold it for us: already released
        await call('DELETE', `/IncomingPhoneNumbers/${encodeURIComponent(sid)}.json`);
      } catch (error) {
        if (error instanceof CarrierHttpError && error.status === 404) return;
        throw unavailable(`release ${number.number}`, error);
      }
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.name === 'TimeoutError' ? 'timed out' : error.message;
  return String(error);
}

function backoff(attempt: number): number {
  return Math.min(200 * 2 ** attempt, 2_000);
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 5_000) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
