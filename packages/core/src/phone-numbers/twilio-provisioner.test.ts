import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { twilioProvisioner } from './twilio-provisioner.js';

const sid = 'AC0123456789abcdef0123456789abcdef';
const authToken = 'secret-auth-token-never-shown';
const api = `https://carrier.test/2010-04-01/Accounts/${sid}`;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const provisioner = (extra: { timeoutMs?: number } = {}) =>
  twilioProvisioner({
    accountSid: sid,
    authToken,
    baseUrl: 'https://carrier.test',
    retries: 2,
    ...extra,
  });
const request = { type: 'toll_free' as const, pci: false, accountId: 'acc_x', reference: 'pn_x' };
const available = (...numbers: string[]) =>
  http.get(`${api}/AvailablePhoneNumbers/US/TollFree.json`, ({ request: r }) => {
    expect(r.headers.get('authorization')).toBe(
      `Basic ${Buffer.from(`${sid}:${authToken}`).toString('base64')}`,
    );
    return HttpResponse.json({
      available_phone_numbers: numbers.map((phone_number) => ({
        phone_number,
        friendly_name: phone_number,
      })),
    });
  });
const carrierError = (status: number, code: number, message: string) =>
  HttpResponse.json(
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    { status },
  );

describe('twilioProvisioner', () => {
  it('buys an available toll-free number and keeps its sid for release', async () => {
    let form: string | undefined;
    server.use(
      available('+18445550100'),
      http.post(`${api}/IncomingPhoneNumbers.json`, async ({ request: r }) => {
        form = await r.text();
        return HttpResponse.json(
          { sid: 'PN11111111111111111111111111111111', phone_number: '+18445550100' },
          { status: 201 },
        );
      }),
    );
    expect(await provisioner().provision(request)).toEqual({
      number: '+18445550100',
      providerRef: 'PN11111111111111111111111111111111',
    });
    expect(form).toBe('PhoneNumber=%2B18445550100&FriendlyName=pn_x');
  });

  it('finds the number bought for a reference after a crash, or says there is none', async () => {
    server.use(
      http.get(`${api}/IncomingPhoneNumbers.json`, ({ request: r }) => {
        const name = new URL(r.url).searchParams.get('FriendlyName');
        return HttpResponse.json({
          incoming_phone_numbers:
            name === 'pn_bought'
              ? [{ sid: 'PN9', phone_number: '+18885550199', friendly_name: 'pn_bought' }]
              : [],
        });
      }),
    );
    const carrier = provisioner();
    expect(await carrier.findProvisioned?.('pn_bought')).toEqual({
      number: '+18885550199',
      providerRef: 'PN9',
    });
    expect(await carrier.findProvisioned?.('pn_never')).toBeNull();
  });

  it('moves on to the next candidate when another buyer was faster (21422)', async () => {
    server.use(
      available('+18445550100', '+18445550101'),
      http.post(`${api}/IncomingPhoneNumbers.json`, async ({ request: r }) =>
        (await r.text()).includes('0100')
          ? carrierError(400, 21422, 'PhoneNumber is not available')
          : HttpResponse.json({ sid: 'PN2', phone_number: '+18445550101' }, { status: 201 }),
      ),
    );
    expect((await provisioner().provision(request)).number).toBe('+18445550101');
  });

  it('retries the listing after a 503, but never blindly repeats a purchase', async () => {
    let listings = 0;
    let purchases = 0;
    server.use(
      http.get(`${api}/AvailablePhoneNumbers/US/TollFree.json`, () => {
        listings++;
        return listings === 1
          ? carrierError(503, 20503, 'Service unavailable')
          : HttpResponse.json({ available_phone_numbers: [{ phone_number: '+18005550199' }] });
      }),
      http.post(`${api}/IncomingPhoneNumbers.json`, () => {
        purchases++;
        return carrierError(500, 20500, 'Internal error');
      }),
      http.get(`${api}/IncomingPhoneNumbers.json`, () =>
        HttpResponse.json({ incoming_phone_numbers: [] }),
      ),
    );
    const error = await provisioner()
      .provision(request)
      .catch((e: unknown) => e);
    expect(isSwitchboardError(error, 'unavailable')).toBe(true);
    expect(listings).toBe(2);
    expect(purchases).toBe(1);
  });

  it('recovers a number the carrier bought although the purchase answer was lost', async () => {
    server.use(
      available('+18775550123'),
      http.post(`${api}/IncomingPhoneNumbers.json`, () => HttpResponse.error()),
      http.get(`${api}/IncomingPhoneNumbers.json`, ({ request: r }) => {
        expect(new URL(r.url).searchParams.get('PhoneNumber')).toBe('+18775550123');
        return HttpResponse.json({
          incoming_phone_numbers: [{ sid: 'PN3', phone_number: '+18775550123' }],
        });
      }),
    );
    expect(await provisioner().provision(request)).toEqual({
      number: '+18775550123',
      providerRef: 'PN3',
    });
  });

  it('maps carrier refusals to unavailable, with the carrier’s reason and never the token', async () => {
    server.use(
      http.get(`${api}/AvailablePhoneNumbers/US/TollFree.json`, () =>
        carrierError(401, 20003, 'Authenticate'),
      ),
    );
    const error = await provisioner()
      .provision(request)
      .catch((e: unknown) => e);
    expect(isSwitchboardError(error, 'unavailable')).toBe(true);
    expect((error as Error).message).toContain('carrier answered 401 (error 20003): Authenticate');
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(authToken);
  });

  it('times out a carrier that does not answer', async () => {
    server.use(
      http.get(`${api}/AvailablePhoneNumbers/US/TollFree.json`, async () => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        return HttpResponse.json({ available_phone_numbers: [] });
      }),
    );
    const error = await provisioner({ timeoutMs: 50 })
      .provision(request)
      .catch((e: unknown) => e);
    expect(isSwitchboardError(error, 'unavailable')).toBe(true);
    expect((error as Error).message).toContain('timed out');
  });

  it('releases by sid, and treats an already released number as released', async () => {
    const deleted: string[] = [];
    server.use(
      http.delete(`${api}/IncomingPhoneNumbers/:sid.json`, ({ params }) => {
        deleted.push(String(params.sid));
        return params.sid === 'PNgone'
          ? carrierError(404, 20404, 'Not found')
          : new HttpResponse(null, { status: 204 });
      }),
    );
    await provisioner().release({ number: '+18445550100', providerRef: 'PN1' });
    await provisioner().release({ number: '+18445550101', providerRef: 'PNgone' });
    expect(deleted).toEqual(['PN1', 'PNgone']);
  });

  it('reports a release the carrier refuses, so the number stays on the account', async () => {
    server.use(
      http.delete(`${api}/IncomingPhoneNumbers/:sid.json`, () => carrierError(503, 20503, 'Busy')),
    );
    const error = await provisioner()
      .release({ number: '+18445550100', providerRef: 'PN1' })
      .catch((e: unknown) => e);
    expect(isSwitchboardError(error, 'unavailable')).toBe(true);
  });
});
