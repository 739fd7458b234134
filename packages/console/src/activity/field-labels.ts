/** The names `changedFields` uses, as the console's forms label them, by target type. */
const labels: Record<string, Record<string, string>> = {
  account: {
    companyName: 'company name',
    address: 'address',
    city: 'city',
    state: 'state',
    zip: 'ZIP code',
    phoneNumber: 'phone number',
    demo: 'demo status',
  },
  user: {
    firstName: 'first name',
    lastName: 'last name',
    email: 'email address',
    isAdmin: 'admin rights',
    permissions: 'permissions',
    'permissions.canCreate': 'Can Create permission',
    'permissions.canShare': 'Can Share permission',
    twoFactorEnabled: 'two-factor sign-in',
    status: 'status',
    password: 'password',
    externalId: 'identity provider id',
  },
  phone_number: {
    number: 'number',
    ownerId: 'owner',
    applicationId: 'application',
    pci: 'PCI setting',
  },
  integration: {
    service: 'service',
    name: 'name',
    description: 'description',
    config: 'configuration',
    status: 'status',
    keyId: 'encryption key',
  },
  webhook_endpoint: {
    url: 'URL',
    eventTypes: 'event types',
    description: 'description',
    enabled: 'on/off switch',
    secret: 'signing secret',
    keyId: 'encryption key',
  },
  scim_token: { description: 'description' },
};

/**
 * How the console names a changed field of a target type: the form's label, or the field
 * name in words when the console does not know it (`fooBar` → `foo bar`).
 *
 * @example fieldLabel('phone_number', 'ownerId') // 'owner'
 */
export function fieldLabel(targetType: string, field: string): string {
  const known = labels[targetType]?.[field];
  if (known) return known;
  const last = field.slice(field.lastIndexOf('.') + 1);
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
}

/**
 * Words joined as a sentence lists them: `a`, `a and b`, `a, b and c`.
 *
 * @example wordList(['city', 'ZIP code']) // 'city and ZIP code'
 */
export function wordList(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
