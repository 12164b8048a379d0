import { z } from 'zod';
import { EncodableFormatSchema } from '../image/operations';

export const platforms = [
  'instagram',
  'facebook',
  'linkedin',
  'x',
  'youtube',
  'tiktok',
  'pinterest',
  'threads',
  'bluesky',
  'snapchat',
  'whatsapp',
  'web',
  'custom'
] as const;
export const PlatformSchema = z.enum(platforms);
export type Platform = z.infer<typeof PlatformSchema>;

const fraction = z.number().min(0).max(1);

/** Margins kept clear of the platform's UI, as fractions of the output's width (left/right) or height (top/bottom). */
export const SafeInsetsSchema = z
  .object({ top: fraction, right: fraction, bottom: fraction, left: fraction })
  .refine((insets) => insets.left + insets.right < 1 && insets.top + insets.bottom < 1, {
    message: 'Safe-zone insets must leave some of the image visible.'
  });

/** A rectangle in fractions of the output frame (0–1 on each axis). */
export const FractionRectSchema = z
  .object({ x: fraction, y: fraction, width: fraction, height: fraction })
  .refine((rect) => rect.x + rect.width <= 1 + 1e-9 && rect.y + rect.height <= 1 + 1e-9, {
    message: 'The region must lie inside the frame.'
  });
export type FractionRect = z.infer<typeof FractionRectSchema>;

/** Where the platform draws its own UI on top of the picture (caption, buttons, profile photo, badges). */
export const OverlayRegionSchema = z.object({
  name: z.string().min(1),
  rect: FractionRectSchema,
  why: z.string().min(1)
});
export type OverlayRegion = z.infer<typeof OverlayRegionSchema>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const PlatformPresetSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'Preset ids are lower-case words joined by hyphens.'),
  platform: PlatformSchema,
  label: z.string().min(1).max(80),
  width: z.number().int().min(16).max(8192),
  height: z.number().int().min(16).max(8192),
  safe: SafeInsetsSchema,
  overlays: z.array(OverlayRegionSchema).default([]),
  /** The platform's upload limit (or a budget the channel needs, e.g. e-mail); absent when none is known. */
  maxBytes: z.number().int().positive().optional(),
  /** Formats the platform accepts, the preferred one first. */
  formats: z.array(EncodableFormatSchema).min(1),
  source: z.string().min(1),
  checkedAt: z.string().regex(ISO_DATE)
});
export type PlatformPreset = z.infer<typeof PlatformPresetSchema>;
export type PlatformPresetInput = z.input<typeof PlatformPresetSchema>;

/** A preset the user made; stored on the device. Ids start with `user-` so they never shadow a built-in. */
export const UserPresetSchema = PlatformPresetSchema.extend({
  id: z.string().regex(/^user-[a-z0-9-]+$/, 'User preset ids start with "user-".'),
  platform: PlatformSchema.default('custom'),
  safe: SafeInsetsSchema.default({ top: 0, right: 0, bottom: 0, left: 0 }),
  formats: z.array(EncodableFormatSchema).min(1).default(['jpeg']),
  source: z.string().min(1).default('Made by you'),
  // A user preset is "checked" the day it is saved.
  checkedAt: z
    .string()
    .regex(ISO_DATE)
    .default(() => new Date().toISOString().slice(0, 10))
});
export type UserPresetInput = z.input<typeof UserPresetSchema>;
