import { z } from 'zod';

/** The one error body every proxy failure uses, so the client needs one parser. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Which request fields were wrong, for inline form errors. */
    fields: z.record(z.string(), z.string()).optional()
  })
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
