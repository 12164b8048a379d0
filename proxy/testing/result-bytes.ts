import type { ProviderResult } from '../providers/types';

/** A result's bytes read whole (tests only: the server streams them into the blob store). */
export async function resultBytes(result: ProviderResult): Promise<Uint8Array> {
  if (result.body instanceof Uint8Array) return result.body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of result.body) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}
