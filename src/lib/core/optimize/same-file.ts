import type { ResolvedCrop } from '$core/crop/schema';
import type { EncodableFormat } from '$core/image/format';
import {
  OutputRequestSchema,
  type OptimizedOutput,
  type OutputRequest,
  type OutputRequestInput
} from './schema';

/** The quality of an output that names none and has no byte budget to search one under. */
export const DEFAULT_QUALITY = 82;

/** How an output is encoded: the request's own format, quality and budget, else its preset's. */
export function encodeSettings(request: OutputRequest): {
  format: EncodableFormat;
  quality: number;
  maxBytes: number | undefined;
} {
  const { preset } = request;
  return {
    format: request.format ?? preset.formats[0] ?? 'jpeg',
    quality: request.quality ?? DEFAULT_QUALITY,
    maxBytes: request.maxBytes ?? (request.quality === undefined ? preset.maxBytes : undefined)
  };
}

/**
 * Equal for outputs that are the same file: the same cut and frame at the same size, encoded with the same
 * settings and carrying the same `notice` (the copyright kept, or none). "All" presets ask for many — five
 * 1080×1350 portraits, seven 1080×1920 stories on two crops — which are then made once.
 */
export function sameFileKey(request: OutputRequest, chosen: ResolvedCrop, notice: unknown): string {
  const { crop, fit, placement, color } = chosen;
  const { format, quality, maxBytes } = encodeSettings(request);
  const { width, height } = request.preset;
  return JSON.stringify([crop, fit, placement, color, width, height, format, quality, maxBytes, notice]);
}

/**
 * Requests of one source grouped by the file they make, for a page that spreads them over workers: `first[i]`
 * is the index of the first request making request i's file (i itself for the first). Only requests that bring
 * their crop decision (`resolved`, whole: its warnings and strategy go into the result too) are grouped; the
 * others are each their own.
 */
export function sameFiles(requests: readonly OutputRequestInput[]): number[] {
  const seen = new Map<string, number>();
  return requests.map((input, index) => {
    const parsed = OutputRequestSchema.safeParse(input);
    const resolved = parsed.data?.resolved;
    if (!parsed.success || !resolved) return index;
    const key = JSON.stringify([sameFileKey(parsed.data, resolved, parsed.data.keepMetadata), resolved]);
    const first = seen.get(key);
    if (first !== undefined) return first;
    seen.set(key, index);
    return index;
  });
}

/**
 * The outputs of the first request of each group (`made`, in request order) given back to every request: a
 * request sharing another's file gets its own preset in the result and its own copy of the bytes (outputs
 * are transferred on one by one).
 */
export function forEveryRequest(
  requests: readonly OutputRequestInput[],
  first: readonly number[],
  made: readonly OptimizedOutput[]
): OptimizedOutput[] {
  // The firsts are the requests made, in the same order as `made`.
  const firsts = first.filter((group, index) => group === index);
  const byFirst = new Map(firsts.map((index, position) => [index, made[position]!]));
  return requests.map((request, index) => {
    const output = byFirst.get(first[index]!)!;
    if (first[index] === index) return output;
    return { result: { ...output.result, preset: request.preset.id }, bytes: output.bytes.slice() };
  });
}
