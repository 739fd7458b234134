import type { Integration, IntegrationDetails } from '@switchboard/contract';
import type { Selectable } from 'kysely';
import type { IntegrationsTable } from '../db/database.js';
import { isoTimestamp } from '../db/row-values.js';

export const integrationNameIndex = {
  name: 'integrations_account_name_unique',
  columns: 'integrations.account_id, integrations.name_key',
};

/** How names are compared within an account (I1): trimmed, case-insensitive. */
export function integrationNameKey(name: string): string {
  return name.trim().normalize('NFKC').toLowerCase();
}

export function toIntegration(row: Selectable<IntegrationsTable>): Integration {
  return {
    id: row.id,
    service: row.service,
    name: row.name,
    description: row.description,
    details: JSON.parse(row.details) as IntegrationDetails,
    status: {
      state: row.status_state,
      checkedAt: row.status_checked_at ? isoTimestamp(row.status_checked_at) : null,
      ...(row.status_reason ? { reason: row.status_reason } : {}),
    },
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}
