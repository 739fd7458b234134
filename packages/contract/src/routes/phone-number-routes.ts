import {
  phoneNumberListQuerySchema,
  phoneNumberPageSchema,
  phoneNumberRequestSchema,
  phoneNumberSchema,
  phoneNumberUpdateSchema,
} from '../phone-number.js';
import { defineRoute } from './route-descriptor.js';

/** The account's phone numbers (P1–P5). */
export const phoneNumberRoutes = {
  listPhoneNumbers: defineRoute({
    method: 'get',
    path: '/v1/phone-numbers',
    operationId: 'listPhoneNumbers',
    summary: 'Phone numbers by number: admins see all of the account, others the ones they own',
    tag: 'Phone numbers',
    access: 'user',
    query: phoneNumberListQuerySchema,
    response: {
      status: 200,
      description: 'A page of phone numbers',
      schema: phoneNumberPageSchema,
    },
    errors: [],
  }),
  requestPhoneNumber: defineRoute({
    method: 'post',
    path: '/v1/phone-numbers',
    operationId: 'requestPhoneNumber',
    summary: 'Request a toll-free number (other kinds: contact support; demo accounts hold one)',
    tag: 'Phone numbers',
    access: 'user',
    adminOnly: true,
    body: phoneNumberRequestSchema,
    versioned: true,
    response: { status: 201, description: 'The new number', schema: phoneNumberSchema },
    errors: ['forbidden', 'not_found', 'contact_support', 'demo_number_limit', 'unavailable'],
  }),
  updatePhoneNumber: defineRoute({
    method: 'patch',
    path: '/v1/phone-numbers/{id}',
    operationId: 'updatePhoneNumber',
    summary: 'Change the owner (admins) or the deployed application (admins or the owner)',
    tag: 'Phone numbers',
    access: 'user',
    body: phoneNumberUpdateSchema,
    versioned: true,
    response: { status: 200, description: 'The number', schema: phoneNumberSchema },
    errors: ['forbidden', 'not_found'],
  }),
  releasePhoneNumber: defineRoute({
    method: 'delete',
    path: '/v1/phone-numbers/{id}',
    operationId: 'releasePhoneNumber',
    summary: 'Release a number through the carrier and remove it from the account',
    tag: 'Phone numbers',
    access: 'user',
    adminOnly: true,
    versioned: true,
    response: { status: 204, description: 'Released' },
    errors: ['forbidden', 'not_found', 'unavailable'],
  }),
};
