import type { IntegrationServiceInfo } from '@switchboard/contract';

/** The body of `POST /v1/integrations` for any service the server offers: its fields, as typed. */
export interface IntegrationInput {
  service: string;
  name: string;
  description: string;
  [field: string]: string;
}

/**
 * The Add form's values as the API's body for `service`: name, description and exactly the
 * service's own fields (a value left in a field of another service is never sent). Text is
 * trimmed, JSON is sent as pasted, and an empty optional field is left out.
 *
 * @example integrationInput(s3Info, { name: 'Calls', key, secret, endpoint: '' }) // { service: 's3', name: 'Calls', key, secret, description: '' }
 */
export function integrationInput(
  service: IntegrationServiceInfo,
  values: Record<string, string>,
): IntegrationInput {
  const body: IntegrationInput = {
    service: service.service,
    name: values.name ?? '',
    description: values.description ?? '',
  };
  for (const field of service.fields) {
    const raw = values[field.name] ?? '';
    const value = field.kind === 'json' ? raw : raw.trim();
    if (value.trim() || field.required) body[field.name] = value;
  }
  return body;
}

/**
 * The service the Add form shows: the one chosen, when the server still offers it, else the
 * first offered. The select's value and the fields shown both come from this, so they agree.
 *
 * @example chosenService(infos, 's3')?.fields.map((f) => f.name) // ['key', 'secret', 'endpoint']
 */
export function chosenService(
  services: readonly IntegrationServiceInfo[],
  chosen: string | undefined,
): IntegrationServiceInfo | undefined {
  return services.find((service) => service.service === chosen) ?? services[0];
}

const detailLabels: Record<string, string> = {
  keyHint: 'Key',
  region: 'Region',
  endpoint: 'Endpoint',
  projectId: 'Project',
  clientEmail: 'Client email',
};

/**
 * An integration's non-secret details as label and value pairs, for any service: known
 * facts by their usual names, others from their key (`bucketUrl` → `Bucket url`).
 *
 * @example detailFacts({ keyHint: 'AKIA…MPLE', region: 'eu-west-1' }) // [['Key', 'AKIA…MPLE'], ['Region', 'eu-west-1']]
 */
export function detailFacts(details: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(details).map(([key, value]) => [detailLabels[key] ?? labelOf(key), value]);
}

function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
