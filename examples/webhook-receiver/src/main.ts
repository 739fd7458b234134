import { serve } from '@hono/node-server';
import { createReceiver, webhookPath } from './receiver.ts';

// SWITCHBOARD_WEBHOOK_SECRET: the endpoint's secret; during a rotation, the new and the old
// one separated by a comma.
const secrets = (process.env.SWITCHBOARD_WEBHOOK_SECRET ?? '')
  .split(',')
  .map((secret) => secret.trim())
  .filter((secret) => secret !== '');
const secretHint =
  'Set it to the secret Switchboard answered when the endpoint was added, e.g.\n' +
  '  SWITCHBOARD_WEBHOOK_SECRET=whsec_… npm start -w @switchboard/example-webhook-receiver';
if (secrets.length === 0) fail(`SWITCHBOARD_WEBHOOK_SECRET is not set.\n${secretHint}`);
if (!secrets.every((secret) => /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)))
  fail(`SWITCHBOARD_WEBHOOK_SECRET is not a signing secret (whsec_ + base64).\n${secretHint}`);

const port = Number(process.env.PORT || 3001);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`PORT must be a port number, got ${JSON.stringify(process.env.PORT)}.`);

const app = (() => {
  try {
    return createReceiver({
      secret: secrets,
      onEvent: (event) => {
        console.log(`${event.type} ${event.id} object ${event.data.object.id ?? '-'}`);
      },
    });
  } catch (error) {
    return fail(`SWITCHBOARD_WEBHOOK_SECRET cannot be used: ${error}\n${secretHint}`);
  }
})();

const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Receiving Switchboard webhooks at http://localhost:${info.port}${webhookPath}`);
});
// On Ctrl-C or SIGTERM: stop accepting, let the requests in flight finish, then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close());

function fail(problem: string): never {
  console.error(problem);
  process.exit(1);
}
