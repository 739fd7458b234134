import type { awsRegions, IntegrationCreate, IntegrationService } from '@switchboard/contract';

/** The add form's values as the API's body for `service`. */
export function integrationInput(
  service: IntegrationService,
  values: Record<string, string>,
): IntegrationCreate {
  const name = values.name ?? '';
  const description = values.description ?? '';
  if (service === 'dialogflow') {
    return { service, name, config: values.config ?? '', description };
  }
  const endpoint = values.endpoint?.trim() ? { endpoint: values.endpoint.trim() } : {};
  const credentials = { name, key: values.key ?? '', secret: values.secret ?? '', description };
  if (service === 'dynamodb') {
    const region = (values.region ?? 'us-east-1') as (typeof awsRegions)[number];
    return { service, ...credentials, region, ...endpoint };
  }
  return { service, ...credentials, ...endpoint };
}
