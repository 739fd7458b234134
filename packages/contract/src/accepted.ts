import { z } from 'zod';

/**
 * The body of a `202 Accepted` answer: the work (an email, say) is queued and will be done
 * shortly, whatever happens to the connection.
 *
 * @example acceptedSchema.parse(await response.json()) // { accepted: true }
 */
export const acceptedSchema = z.object({ accepted: z.literal(true) });
export type Accepted = z.infer<typeof acceptedSchema>;
