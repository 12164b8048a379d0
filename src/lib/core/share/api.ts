import { z } from 'zod';

export const shareExpiries = ['1d', '7d', '30d', 'never'] as const;
export type ShareExpiry = (typeof shareExpiries)[number];
export const shareExpiryLabels: Record<ShareExpiry, string> = {
  '1d': '1 day',
  '7d': '7 days',
  '30d': '30 days',
  never: 'Never'
};
export const expiryMs: Record<ShareExpiry, number | null> = {
  '1d': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  never: null
};

/** Share ids: 16 random bytes (128 bits) as base64url. */
export const ShareIdSchema = z.string().regex(/^[\w-]{22}$/, 'Not a share id.');

/** The ciphertext travels as the raw request body; the expiry rides in the query (`?expiry=7d`). */
export const ShareExpirySchema = z.enum(shareExpiries);

export const ShareCreatedSchema = z.object({
  id: ShareIdSchema,
  ownerToken: z.string(),
  version: z.number().int().positive(),
  expiresAt: z.number().nullable(),
  bytes: z.number().int().nonnegative()
});
export type ShareCreated = z.infer<typeof ShareCreatedSchema>;

export const ShareUpdatedSchema = ShareCreatedSchema.omit({ ownerToken: true });

export const ShareCommentBodySchema = z.object({
  sealed: z
    .string()
    .regex(/^[\w-]+$/)
    .max(16_384)
});

export const ShareCommentsSchema = z.object({
  comments: z.array(z.object({ id: z.number(), sealed: z.string(), createdAt: z.number() }))
});
