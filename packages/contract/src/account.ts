import { z } from 'zod';
import { idSchema, nameSchema, singleLineText, timestampSchema, versionSchema } from './common.js';
import { toE164 } from './e164.js';
import { isUsStateCode } from './us-states.js';
import { isZipCode } from './zip-code.js';

const optionalText = (max: number) => singleLineText(max).transform((value) => value || null);

/** A company account (A1, A2). */
export const accountSchema = z.object({
  id: idSchema('acc'),
  companyName: z.string(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  demo: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: versionSchema,
});
export type Account = z.infer<typeof accountSchema>;

/** US state code, upper-cased: `'ny'` becomes `'NY'`. */
export const stateSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isUsStateCode, 'Expected a US two-letter state code such as NY');

/** `12345` or `12345-6789`. */
export const zipSchema = z
  .string()
  .trim()
  .refine(isZipCode, 'Expected a ZIP code: 12345 or 12345-6789');

/** E.164 (`+442071838750`) or North American (`(212) 555-0142`), stored as E.164. */
export const phoneInputSchema = z.string().transform((value, ctx) => {
  const normalized = toE164(value);
  if (normalized === null) {
    ctx.addIssue({ code: 'custom', message: 'Expected an E.164 or North American phone number' });
    return z.NEVER;
  }
  return normalized;
});

/** Body of `PATCH /v1/account` (admin): any of the company's details; null or '' clears one. */
export const accountUpdateSchema = z.strictObject({
  companyName: nameSchema.optional(),
  address: optionalText(200).nullable().optional(),
  city: optionalText(100).nullable().optional(),
  state: stateSchema.nullable().optional(),
  zip: zipSchema.nullable().optional(),
  phoneNumber: phoneInputSchema.nullable().optional(),
});
export type AccountUpdate = z.input<typeof accountUpdateSchema>;
