import { z } from 'zod';

export const ARCHIVE_FORMAT = 'image-studio-library';

/** Rows keep every field they have; only what import relies on is checked. */
const row = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

/**
 * `manifest.json` at the root of a library ZIP. Image bytes live at `files/<sha256>`, thumbnails at
 * `thumbnails/<asset id>.webp`; rows reference them by hash and id.
 */
export const ManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(1),
  exportedAt: z.number(),
  assets: z.array(
    row({
      id: z.string(),
      name: z.string(),
      hash: z.string(),
      currentVersionId: z.string(),
      source: z.string()
    })
  ),
  versions: z.array(
    row({
      id: z.string(),
      assetId: z.string(),
      parentId: z.string().nullable(),
      hash: z.string(),
      operation: z.string()
    })
  ),
  files: z.array(z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), mime: z.string(), path: z.string() })),
  thumbnails: z.array(row({ assetId: z.string(), versionId: z.string(), path: z.string() })),
  tags: z.array(row({ assetId: z.string(), tag: z.string() })),
  favourites: z.array(row({ assetId: z.string() })),
  collections: z.array(row({ id: z.string(), name: z.string() })),
  collectionItems: z.array(row({ collectionId: z.string(), assetId: z.string() })),
  campaigns: z.array(row({ id: z.string(), name: z.string() })),
  boards: z.array(row({ id: z.string(), name: z.string() }))
});
export type Manifest = z.infer<typeof ManifestSchema>;
