import { phoneNumberRoutes } from '@switchboard/contract';
import { handleRoutes } from '../http/route-definition.js';

/** The account's phone numbers (P1–P5). */
export const phoneNumberHandlers = handleRoutes(phoneNumberRoutes, {
  listPhoneNumbers: ({ switchboard, actor, query }) =>
    switchboard.phoneNumbers.list(actor(), query),
  requestPhoneNumber: async ({ switchboard, actor, body }) =>
    switchboard.phoneNumbers.request(actor(), await body()),
  updatePhoneNumber: async ({ switchboard, actor, params, body, condition }) =>
    switchboard.phoneNumbers.update(actor(), params.id, await body(), condition),
  releasePhoneNumber: ({ switchboard, actor, params, condition }) =>
    switchboard.phoneNumbers.release(actor(), params.id, condition),
});
