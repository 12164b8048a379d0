import { z } from 'zod';
import { ProviderIdSchema } from '../providers';

/** Stability's documented prompt limit; the tightest of our providers, so one limit serves all. */
export const MAX_PROMPT_CHARS = 10_000;
/** Largest seed every provider accepts (Stability's upper bound). */
export const MAX_SEED = 4_294_967_294;

export const PromptSchema = z
  .string()
  .trim()
  .min(1, 'Write a prompt.')
  .max(MAX_PROMPT_CHARS, `Keep the prompt under ${MAX_PROMPT_CHARS.toLocaleString('en')} characters.`);
export const OptionalPromptSchema = z.string().trim().max(MAX_PROMPT_CHARS).optional();
export const SeedSchema = z.number().int().min(0).max(MAX_SEED);
export const OutputFormatSchema = z.enum(['png', 'jpeg', 'webp']).default('png');
export const UnitSchema = z.number().min(0).max(1);

/**
 * What the proxy knows about an uploaded image before it reads it: the client probes it on the device, the proxy
 * checks the same facts against the uploaded part, and pre-flight refuses what the provider would reject.
 */
export const ImageInputSchema = z.object({
  /** Name of the multipart part that carries the bytes. */
  part: z.string().min(1).max(64),
  format: z.enum(['png', 'jpeg', 'webp', 'gif', 'avif', 'heic', 'tiff', 'bmp']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive()
});
export type ImageInput = z.infer<typeof ImageInputSchema>;

export const AudioInputSchema = z.object({
  part: z.string().min(1).max(64),
  format: z.enum(['mp3', 'wav']),
  bytes: z.number().int().positive(),
  seconds: z.number().positive().max(600)
});

/** Fields every operation carries: who runs it and with which model. */
export const targetFields = {
  provider: ProviderIdSchema,
  model: z.string().min(1).max(120)
};
