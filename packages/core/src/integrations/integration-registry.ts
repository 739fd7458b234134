import type { IntegrationServiceInfo } from '@switchboard/contract';
import { z } from 'zod';
import type { IntegrationCreateBase, IntegrationService } from './integration-service.js';
import { builtInIntegrationServices } from './services/built-in-integration-services.js';

/**
 * Which services a Switchboard connects: extra services registered beside the built-in ones
 * (a list), or the whole list (a function of the built-in ones).
 *
 * @example createSwitchboard({ database, integrationServices: [webhookStore] })
 * @example createSwitchboard({ database, integrationServices: (builtIn) => builtIn.filter((s) => s.id !== 'dialogflow') })
 */
export type IntegrationServicesOption =
  | readonly IntegrationService[]
  | ((builtIn: readonly IntegrationService[]) => readonly IntegrationService[]);

const serviceIdShape = /^[a-z][a-z0-9-]{0,39}$/;
const commonFields = new Set(['service', 'name', 'description']);

function assertWellFormed(service: IntegrationService, seen: Set<string>): void {
  const fail = (problem: string) => {
    throw new Error(`Integration service "${service.id}": ${problem}`);
  };
  if (!serviceIdShape.test(service.id))
    fail('its id must be lower-case letters, digits and dashes, starting with a letter');
  if (seen.has(service.id))
    fail('registered twice (to replace a built-in service, pass a function that returns the list)');
  const probe = service.createSchema.safeParse({ service: service.id });
  if (!probe.success && probe.error.issues.some((issue) => issue.path[0] === 'service'))
    fail('its createSchema must have `service: z.literal(id)` (use integrationCreateBody)');
  const names = service.formFields.map((field) => field.name);
  if (names.some((name) => commonFields.has(name)))
    fail('formFields must not repeat service, name or description');
  if (new Set(names).size !== names.length) fail('formFields has a field twice');
}

/**
 * The registered integration services, by id: the schema of every create body, the console's
 * service infos, and the configuration fields an edit may never carry (I3).
 */
export class IntegrationRegistry {
  readonly #byId: ReadonlyMap<string, IntegrationService>;
  /** The services, in the order the console offers them. */
  readonly services: readonly IntegrationService[];
  /** The body of `POST /v1/integrations`: the union of every registered service's body. */
  readonly createSchema: z.ZodType<IntegrationCreateBase>;
  /** Fields of any service's configuration (and `service`): an edit carrying one is refused (I3). */
  readonly configFields: readonly string[];

  constructor(services: readonly IntegrationService[]) {
    const seen = new Set<string>();
    for (const service of services) {
      assertWellFormed(service, seen);
      seen.add(service.id);
    }
    this.services = [...services];
    this.#byId = new Map(services.map((service) => [service.id, service]));
    const [first, ...rest] = services.map((service) => service.createSchema);
    this.createSchema = first ? z.discriminatedUnion('service', [first, ...rest]) : z.never();
    this.configFields = [
      'service',
      ...new Set(services.flatMap((service) => service.formFields.map((field) => field.name))),
    ];
  }

  /** The registry for `createSwitchboard`'s `integrationServices` option. */
  static from(option: IntegrationServicesOption | undefined): IntegrationRegistry {
    const builtIn: readonly IntegrationService[] = builtInIntegrationServices;
    if (option === undefined) return new IntegrationRegistry(builtIn);
    return new IntegrationRegistry(
      typeof option === 'function' ? option(builtIn) : [...builtIn, ...option],
    );
  }

  /** The service registered under `id`, if any. */
  find(id: string): IntegrationService | undefined {
    return this.#byId.get(id);
  }

  /** What the console's Add form needs about each service, in order. */
  infos(): IntegrationServiceInfo[] {
    return this.services.map((service) => ({
      service: service.id,
      label: service.label,
      fields: service.formFields.map((field) => ({
        ...field,
        ...(field.options ? { options: [...field.options] } : {}),
      })),
    }));
  }
}
