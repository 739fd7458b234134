/** One action an endpoint may subscribe to: its type (`user.added`) and its name for people. */
export interface WebhookAction {
  type: string;
  label: string;
}

/** An area of the audit log (`user`), its names for people, and its actions. */
export interface WebhookEventArea {
  area: string;
  /** `Users` */
  label: string;
  /** What `area.*` means: `All user events`. */
  everything: string;
  actions: readonly WebhookAction[];
}

const area = (
  name: string,
  [label, noun]: [string, string],
  actions: Record<string, string>,
): WebhookEventArea => ({
  area: name,
  label,
  everything: `All ${noun} events`,
  actions: Object.entries(actions).map(([verb, text]) => ({
    type: `${name}.${verb}`,
    label: text,
  })),
});

/**
 * The events the Add and Edit forms offer, by area: every audit action the server records
 * (each is also a webhook event, E4). An endpoint may name others as well (a newer server's);
 * the forms keep those as typed.
 */
export const webhookEventAreas: readonly WebhookEventArea[] = [
  area('user', ['Users', 'user'], {
    added: 'Added',
    updated: 'Edited',
    deactivated: 'Deactivated',
    reactivated: 'Reactivated',
    deleted: 'Deleted',
    activated: 'Activated their login',
    activation_resent: 'Activation email resent',
    password_reset_requested: 'Password reset requested',
    password_reset_completed: 'Password reset completed',
    password_changed: 'Password changed',
    two_factor_changed: 'Two-factor sign-in changed',
    signed_in: 'Signed in',
  }),
  area('account', ['Account', 'account'], {
    created: 'Opened',
    updated: 'Details changed',
    demo_changed: 'Demo status changed',
  }),
  area('phone_number', ['Phone numbers', 'phone number'], {
    requested: 'Requested',
    updated: 'Owner or application changed',
    released: 'Released',
  }),
  area('integration', ['Integrations', 'integration'], {
    added: 'Added',
    updated: 'Edited',
    tested: 'Connection tested',
    deleted: 'Deleted',
    resealed: 'Credentials re-encrypted',
  }),
  area('webhook_endpoint', ['Webhook endpoints', 'webhook endpoint'], {
    added: 'Added',
    updated: 'Edited, enabled or disabled',
    secret_rotated: 'Secret rotated',
    deleted: 'Deleted',
    resealed: 'Secret re-encrypted',
  }),
  area('scim_token', ['SCIM tokens', 'SCIM token'], { created: 'Created', revoked: 'Revoked' }),
];

/** What the Events part of the form is set to. */
export interface EventTypeChoice {
  /** Every event (`*`), including those a later server adds. */
  all: boolean;
  /** Chosen actions and `area.*` prefixes the form lists. */
  chosen: ReadonlySet<string>;
  /** Others, as the admin typed them: separated by commas or spaces. */
  other: string;
}

const known = new Set(
  webhookEventAreas.flatMap((a) => [`${a.area}.*`, ...a.actions.map((action) => action.type)]),
);

/**
 * The form's choice for an endpoint's event types: `*` is every event; the types the form
 * lists are ticked, any other goes into the free-text field.
 *
 * @example eventTypeChoice(['user.*', 'billing.paid']) // { all: false, chosen: {'user.*'}, other: 'billing.paid' }
 */
export function eventTypeChoice(eventTypes: readonly string[]): EventTypeChoice {
  if (eventTypes.length === 0 || eventTypes.includes('*'))
    return { all: true, chosen: new Set(), other: '' };
  return {
    all: false,
    chosen: new Set(eventTypes.filter((type) => known.has(type))),
    other: eventTypes.filter((type) => !known.has(type)).join(', '),
  };
}

/**
 * The `eventTypes` to send for a choice: `['*']` for all; otherwise the ticked and typed
 * types without repeats, an action left out when its whole area is chosen, in the order
 * the form lists them (typed ones last). Empty when nothing is chosen.
 *
 * @example chosenEventTypes({ all: false, chosen: new Set(['user.*', 'user.added']), other: '' }) // ['user.*']
 */
export function chosenEventTypes(choice: EventTypeChoice): string[] {
  if (choice.all) return ['*'];
  const typed = choice.other.split(/[\s,]+/).filter(Boolean);
  const wanted = new Set([...choice.chosen, ...typed]);
  if (wanted.has('*')) return ['*'];
  const wholeArea = (type: string) => {
    const dot = type.indexOf('.');
    return dot > 0 && !type.endsWith('.*') && wanted.has(`${type.slice(0, dot)}.*`);
  };
  const listed = webhookEventAreas.flatMap((a) => [
    `${a.area}.*`,
    ...a.actions.map((action) => action.type),
  ]);
  const ordered = [...listed.filter((type) => wanted.has(type)), ...typed];
  return [...new Set(ordered)].filter((type) => !wholeArea(type));
}

/**
 * An endpoint's event types in words, one entry each: `All events`, `All user events`,
 * or the action itself (`phone_number.released`).
 *
 * @example eventTypeSummary(['user.*', 'phone_number.released']) // ['All user events', 'phone_number.released']
 */
export function eventTypeSummary(eventTypes: readonly string[]): string[] {
  if (eventTypes.length === 0 || eventTypes.includes('*')) return ['All events'];
  return eventTypes.map((type) => {
    if (!type.endsWith('.*')) return type;
    const name = type.slice(0, -2);
    const known = webhookEventAreas.find((a) => a.area === name);
    return known?.everything ?? `All ${name.replaceAll('_', ' ')} events`;
  });
}
