import { z } from 'zod';

export const assetSources = [
  'import',
  'create',
  'edit',
  'upscale',
  'transform',
  'social',
  'control',
  'batch'
] as const;
export const AssetSourceSchema = z.enum(assetSources);

/** What a module tells the library about an image it saves; shared by every module that produces output. */
export const SaveMetaSchema = z.object({
  name: z.string().trim().min(1).max(200),
  source: AssetSourceSchema,
  prompt: z.string().max(4000).optional(),
  provider: z.string().max(60).optional(),
  model: z.string().max(120).optional(),
  /** US dollars spent producing it. */
  cost: z.number().nonnegative().optional(),
  platform: z.string().max(60).optional(),
  note: z.string().max(4000).optional(),
  /** The operation that produced the first version; `import` when omitted. */
  operation: z.string().min(1).max(60).default('import'),
  params: z.unknown().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  createdAt: z.number().int().nonnegative().optional()
});
export type SaveMeta = z.input<typeof SaveMetaSchema>;

/** A derived version: the operation's name and its full parameters, so the lineage can be replayed or read. */
export const DeriveSchema = z.object({
  operation: z.string().min(1).max(60),
  params: z.unknown(),
  cost: z.number().nonnegative().optional(),
  provider: z.string().max(60).optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional()
});
export type DeriveInput = z.input<typeof DeriveSchema>;

/**
 * A file made from a version for a platform (the Social Optimizer's export): kept in the history under its
 * name, counted per platform in Usage, and never made current (the photo stays what the user edits).
 */
export const ExportVersionSchema = z.object({
  label: z.string().trim().min(1).max(120),
  operation: z.string().min(1).max(60),
  params: z.unknown(),
  platform: z.string().min(1).max(60),
  module: z.string().min(1).max(60),
  width: z.number().int().positive(),
  height: z.number().int().positive()
});
export type ExportVersionInput = z.input<typeof ExportVersionSchema>;

/** Items stay in the trash this long, then they are purged for good. */
export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
