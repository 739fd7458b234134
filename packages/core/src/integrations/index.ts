// The integrations area's public API: the service, its key ring, the integration-service
// interface with the built-in services, and the connectors' types. Only this area's files
// touch `integrations`.
export type { DetectedIntent, DialogflowAgent } from './connectors/dialogflow-agent.js';
export type { DynamoDbTable, Item } from './connectors/dynamodb-table.js';
export type { Connector, ConnectorFor } from './connectors/open-connector.js';
export type { RecordingObject, RecordingStore } from './connectors/s3-recording-store.js';
export {
  IntegrationRegistry,
  type IntegrationServicesOption,
} from './integration-registry.js';
export {
  defineIntegrationService,
  type IntegrationCreateBase,
  type IntegrationService,
  type IntegrationServiceApi,
  type VerifyOptions,
} from './integration-service.js';
export { type IntegrationAddInput, IntegrationsService } from './integrations-service.js';
export { type KeyRing, keyRingFromString, newKeyRingEntry, type SealedSecret } from './key-ring.js';
export type { ServiceEndpoints } from './service-endpoints.js';
export { builtInIntegrationServices } from './services/built-in-integration-services.js';
export { dialogflowIntegrationService } from './services/dialogflow.js';
export { type DynamoDbConnector, dynamoDbIntegrationService } from './services/dynamodb.js';
export { type S3Connector, s3IntegrationService } from './services/s3.js';
