import { z } from 'zod';

const count = z.number().int().min(0).max(1_000_000);

const lineBreaks = /[\p{Cc}\u2028\u2029]+/gu;

/** A name with its line breaks and control characters turned into spaces: one line, safe in a mail header. */
export const singleLine = (value: string): string => value.replace(lineBreaks, ' ');

/**
 * POST /api/notify. Only structured facts cross: the server writes the subject and body from them and sends to
 * the address it holds for the signed-in user, so the endpoint can never relay a message or pick a recipient
 * (strict: a `to` field is refused, not ignored).
 */
export const NotifyRequestSchema = z
  .strictObject({
    kind: z.literal('batch-finished'),
    batchName: z
      .string()
      .trim()
      .min(1, 'The batch needs a name.')
      .max(200, 'A batch name has at most 200 characters.')
      // A line break in a name that ends up in a Subject header would start a header of its own.
      .regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'A batch name cannot contain line breaks or control characters.'),
    total: count,
    succeeded: count,
    failed: count,
    cancelled: count.default(0)
  })
  .refine((body) => body.succeeded + body.failed + body.cancelled <= body.total, {
    message: 'Succeeded, failed and cancelled jobs cannot add up to more than the total.',
    path: ['total']
  });
export type NotifyRequest = z.infer<typeof NotifyRequestSchema>;
export type NotifyRequestInput = z.input<typeof NotifyRequestSchema>;

/** 200: the mail server accepted the message for the user's own address. */
export const NotifySentSchema = z.object({ sent: z.literal(true), to: z.string() });
export type NotifySent = z.infer<typeof NotifySentSchema>;

/** GET /api/notify: whether this server sends mail (SMTP set), and the signed-in user's address if it has one. */
export const NotifyStatusSchema = z.object({ configured: z.boolean(), to: z.string().optional() });
export type NotifyStatus = z.infer<typeof NotifyStatusSchema>;
