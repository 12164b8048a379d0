import { sniffFormat } from '../../src/lib/core/image/format';
import type { AiOperation } from '../../src/lib/core/operations';
import type { ProviderId } from '../../src/lib/core/providers';
import { ProviderError } from '../providers/provider-error';
import type { BlobStore } from '../storage/blob-store';
import type { Readable } from 'node:stream';

export type ResultKind = 'image' | 'video' | 'model';

const MB = 1024 * 1024;

/** What an operation answers with: the only kinds its results may be stored and served as. */
export function expectedKind(op: AiOperation): ResultKind {
  if (op.operation === 'transform.image-to-video' || op.operation === 'transform.talking-avatar')
    return 'video';
  if (op.operation === 'transform.image-to-3d') return 'model';
  return 'image';
}

/**
 * The largest result each kind may be, from the providers' documented outputs with room to spare: images top out
 * at Stability's 16-megapixel upscales (a 16 MP RGBA PNG that does not compress is 64 MB); WaveSpeed's longest
 * videos (Wan 2.5, 10 s at 1080p; avatars up to 2 min at 720p) stay under 200 MB; Stable Fast 3D's GLB is a few MB.
 */
const documentedLimits: Record<ResultKind, number> = { image: 64 * MB, video: 200 * MB, model: 64 * MB };

/** The cap for one result of this operation: its documented limit or the operator's, whichever is lower. */
export const resultLimitBytes = (op: AiOperation, globalLimit: number): number =>
  Math.min(documentedLimits[expectedKind(op)], globalLimit);

const imageTypes: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif'
};

/** The Content-Type a result is served with, decided from its bytes and the kind expected, never the upstream's word. */
export function sniffResultType(head: Uint8Array, kind: ResultKind): string | undefined {
  if (kind === 'image') {
    const sniffed = sniffFormat(head);
    return sniffed.kind === 'raster' ? imageTypes[sniffed.format] : undefined;
  }
  const ascii = (offset: number, length: number) =>
    String.fromCharCode(...head.subarray(offset, offset + length));
  if (kind === 'model') return ascii(0, 4) === 'glTF' ? 'model/gltf-binary' : undefined;
  return ascii(4, 4) === 'ftyp' && sniffFormat(head).kind !== 'raster' ? 'video/mp4' : undefined;
}

const extensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'video/mp4': 'mp4',
  'model/gltf-binary': 'glb'
};

/** Images and video show in the page; a 3D model is a download (no browser renders one by itself). */
export function contentDisposition(contentType: string, name: string): string {
  const file = `${name}.${extensions[contentType] ?? 'bin'}`;
  return `${contentType === 'model/gltf-binary' ? 'attachment' : 'inline'}; filename="${file}"`;
}

export interface StoredResult {
  blobKey: string;
  contentType: string;
  sizeBytes: number;
}

const HEAD_BYTES = 64;

/**
 * Streams one result into the blob store while it downloads: counted against `limit` as it arrives (after any
 * decompression), its kind checked on the first bytes, aborted on the first byte over. Memory held: the chunk in
 * hand plus the stream's buffers (well under a megabyte per download).
 */
export async function storeResult(
  store: BlobStore,
  blobKey: string,
  source: AsyncIterable<Uint8Array> | Uint8Array,
  options: { provider: ProviderId; kind: ResultKind; limit: number }
): Promise<StoredResult> {
  const { provider, kind, limit } = options;
  let contentType: string | undefined;
  let head = new Uint8Array(0);
  const decide = () => {
    contentType = sniffResultType(head, kind);
    if (!contentType)
      throw new ProviderError(
        provider,
        'bad_response',
        `the result is not ${kind === 'image' ? 'an image' : kind === 'video' ? 'an MP4 video' : 'a GLB model'}.`
      );
  };
  async function* checked() {
    let size = 0;
    const chunks = source instanceof Uint8Array ? [source] : source;
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > limit)
        throw new ProviderError(
          provider,
          'result_too_large',
          `the result is larger than ${Math.round(limit / MB)} MB, the most this operation may return; it was not kept.`
        );
      if (!contentType && head.length < HEAD_BYTES) {
        const joined = new Uint8Array(head.length + chunk.byteLength);
        joined.set(head);
        joined.set(chunk, head.length);
        head = joined.subarray(0, HEAD_BYTES);
        if (head.length >= HEAD_BYTES) decide();
      }
      yield chunk;
    }
    if (!contentType) decide();
  }
  try {
    const sizeBytes = await store.putStream(blobKey, checked());
    return { blobKey, contentType: contentType ?? 'application/octet-stream', sizeBytes };
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw new ProviderError(
      provider,
      'upstream_failed',
      'the result stopped arriving before it was complete.'
    );
  } finally {
    // A source never iterated (the store failed first) still holds a connection: let it go.
    if (source instanceof ReadableStream) await source.cancel().catch(() => undefined);
    else if ('destroy' in source && typeof source.destroy === 'function') (source as Readable).destroy();
  }
}
