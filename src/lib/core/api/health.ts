import { z } from 'zod';
import { ProviderIdSchema } from '../providers';

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  providers: z.array(
    z.object({
      id: ProviderIdSchema,
      label: z.string(),
      configured: z.boolean()
    })
  )
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
