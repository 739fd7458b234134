import { z } from 'zod';

/** One field of an integration service's form in the console: what to ask and how. */
export const integrationFormFieldSchema = z.object({
  /** The request body's property, e.g. `key`. */
  name: z.string(),
  label: z.string(),
  /** `text` one line, `secret` masked, `json` a pasted document, `select` one of `options`. */
  kind: z.enum(['text', 'secret', 'json', 'select']),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  placeholder: z.string().optional(),
  help: z.string().optional(),
});
export type IntegrationFormField = z.infer<typeof integrationFormFieldSchema>;

/** A service an integration can connect, as the console shows it in the Add form. */
export const integrationServiceInfoSchema = z.object({
  /** The `service` value of `POST /v1/integrations`, e.g. `s3`. */
  service: z.string(),
  /** Its name for people, e.g. `Amazon S3`. */
  label: z.string(),
  /** The form's fields beyond `name` and `description`, in order. */
  fields: z.array(integrationFormFieldSchema),
});
export type IntegrationServiceInfo = z.infer<typeof integrationServiceInfoSchema>;

/** Answer of `GET /v1/integration-services`. */
export const integrationServiceInfoListSchema = z.object({
  data: z.array(integrationServiceInfoSchema),
});
