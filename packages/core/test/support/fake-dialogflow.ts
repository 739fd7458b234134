import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type GrpcObject,
  loadPackageDefinition,
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type ServiceClientConstructor,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

const require = createRequire(import.meta.url);
const dialogflowProtos = join(
  dirname(require.resolve('@google-cloud/dialogflow/package.json')),
  'build/protos',
);
// google-gax does not export its package.json; its protos sit beside the dialogflow package's.
const gaxProtos = join(
  dirname(require.resolve('@google-cloud/dialogflow/package.json')),
  '..',
  '..',
  'google-gax',
  'build',
  'protos',
);

/** A local Dialogflow v2 server (Agents.GetAgent, Sessions.DetectIntent) from the real protos. */
export interface FakeDialogflow {
  /** `host:port` for SWITCHBOARD_DIALOGFLOW_ENDPOINT. */
  endpoint: string;
  /** Texts received by DetectIntent, with their session paths. */
  queries: { session: string; text: string }[];
  stop(): Promise<void>;
}

export async function startFakeDialogflow(projectId: string): Promise<FakeDialogflow> {
  const definition = loadSync(
    ['google/cloud/dialogflow/v2/agent.proto', 'google/cloud/dialogflow/v2/session.proto'],
    {
      includeDirs: [dialogflowProtos, gaxProtos],
      keepCase: false,
      longs: String,
      enums: String,
      defaults: true,
      oneofs: true,
    },
  );
  const proto = loadPackageDefinition(definition) as unknown as {
    google: {
      cloud: {
        dialogflow: {
          v2: GrpcObject & { Agents: ServiceClientConstructor; Sessions: ServiceClientConstructor };
        };
      };
    };
  };
  const v2 = proto.google.cloud.dialogflow.v2;
  const queries: FakeDialogflow['queries'] = [];
  const server = new Server();
  server.addService(v2.Agents.service, {
    getAgent(call: ServerUnaryCall<{ parent: string }, unknown>, callback: sendUnaryData<unknown>) {
      if (call.request.parent !== `projects/${projectId}`) {
        callback({ code: status.NOT_FOUND, details: `No agent in ${call.request.parent}` });
        return;
      }
      callback(null, {
        parent: call.request.parent,
        displayName: 'Acme front desk',
        defaultLanguageCode: 'en',
      });
    },
  });
  server.addService(v2.Sessions.service, {
    detectIntent(
      call: ServerUnaryCall<{ session: string; queryInput: { text: { text: string } } }, unknown>,
      callback: sendUnaryData<unknown>,
    ) {
      const text = call.request.queryInput.text.text;
      queries.push({ session: call.request.session, text });
      const billing = /bill|invoice/i.test(text);
      callback(null, {
        responseId: `r-${queries.length}`,
        queryResult: {
          queryText: text,
          intent: { displayName: billing ? 'billing.question' : 'Default Fallback Intent' },
          intentDetectionConfidence: billing ? 0.92 : 0.3,
          fulfillmentText: billing
            ? 'Let me connect you to billing.'
            : 'Sorry, could you say that again?',
        },
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    endpoint: `127.0.0.1:${port}`,
    queries,
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
