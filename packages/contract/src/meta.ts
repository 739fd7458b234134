import { z } from 'zod';

/** Answer of `GET /healthz`. */
export const healthSchema = z.object({ ok: z.literal(true) });
export type Health = z.infer<typeof healthSchema>;
