import { z } from 'zod';

/** The bounds a zod number field allows (through default/optional), so sliders take their range from the schema. */
export function numberRange(schema: z.ZodType): { min: number; max: number } {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodNumber)) throw new Error('numberRange needs a number schema');
  return { min: inner.minValue ?? 0, max: inner.maxValue ?? Number.MAX_SAFE_INTEGER };
}
