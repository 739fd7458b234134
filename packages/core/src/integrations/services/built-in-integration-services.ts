import { dialogflowIntegrationService } from './dialogflow.js';
import { dynamoDbIntegrationService } from './dynamodb.js';
import { s3IntegrationService } from './s3.js';

/**
 * The services Switchboard connects out of the box, in the order the console offers them.
 * A new built-in service is one module in this folder plus one line here.
 */
export const builtInIntegrationServices = [
  dialogflowIntegrationService,
  dynamoDbIntegrationService,
  s3IntegrationService,
] as const;

/** One of the built-in services. */
export type BuiltInIntegrationServiceModule = (typeof builtInIntegrationServices)[number];
