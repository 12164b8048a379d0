import { z } from 'zod';
import { ShareError } from './share-error';

/** What a viewer sees of one image: its place in the file section and the owner's words about it. */
export const SharedItemSchema = z.object({
  name: z.string().max(200),
  note: z.string().max(4000),
  mime: z.string().regex(/^image\/[\w.+-]+$/),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().positive()
});

export const SharedManifestSchema = z.object({
  format: z.literal(1),
  name: z.string().max(200),
  note: z.string().max(8000),
  /** Index into `items` of the cover image. */
  cover: z.number().int().nonnegative(),
  createdAt: z.number(),
  items: z.array(SharedItemSchema).min(1).max(500)
});
export type SharedManifest = z.infer<typeof SharedManifestSchema>;

export interface SharedImage {
  name: string;
  note: string;
  mime: string;
  width: number;
  height: number;
  bytes: Uint8Array;
}

export interface SharedBoard {
  name: string;
  note: string;
  cover: number;
  createdAt: number;
  images: SharedImage[];
}

const MAGIC = [0x49, 0x53, 0x42, 0x31]; // "ISB1"

/** One byte run: magic, manifest length (u32 BE), manifest JSON, then each image's bytes in order. */
export function packBoard(board: SharedBoard): Uint8Array {
  let offset = 0;
  const manifest: SharedManifest = SharedManifestSchema.parse({
    format: 1,
    name: board.name,
    note: board.note,
    cover: Math.min(board.cover, Math.max(0, board.images.length - 1)),
    createdAt: board.createdAt,
    items: board.images.map(({ bytes, ...rest }) => {
      const item = { ...rest, offset, length: bytes.byteLength };
      offset += bytes.byteLength;
      return item;
    })
  });
  const head = new TextEncoder().encode(JSON.stringify(manifest));
  const out = new Uint8Array(8 + head.byteLength + offset);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, head.byteLength);
  out.set(head, 8);
  let at = 8 + head.byteLength;
  for (const image of board.images) {
    out.set(image.bytes, at);
    at += image.bytes.byteLength;
  }
  return out;
}

export function unpackBoard(packed: Uint8Array): SharedBoard {
  const bad = () => new ShareError('invalid_board', 'This shared board is damaged and cannot be shown.');
  if (packed.byteLength < 8 || MAGIC.some((byte, i) => packed[i] !== byte)) throw bad();
  const headLength = new DataView(packed.buffer, packed.byteOffset).getUint32(4);
  const body = 8 + headLength;
  if (body > packed.byteLength) throw bad();
  let manifest: SharedManifest;
  try {
    manifest = SharedManifestSchema.parse(JSON.parse(new TextDecoder().decode(packed.subarray(8, body))));
  } catch {
    throw bad();
  }
  const images = manifest.items.map(({ offset, length, ...rest }) => {
    if (body + offset + length > packed.byteLength) throw bad();
    return { ...rest, bytes: packed.slice(body + offset, body + offset + length) };
  });
  return {
    name: manifest.name,
    note: manifest.note,
    cover: manifest.cover,
    createdAt: manifest.createdAt,
    images
  };
}
