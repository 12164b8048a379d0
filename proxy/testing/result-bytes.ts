import type { ProviderResult } from '../providers/types';

/** A result's bytes read whole (tests only: the server streams them into the blob store). */
export async function resultBytes(result: ProviderResult): Promise<Uint8Array> {
  return result.body instanceof Uint8Array
    ? result.body
    : new Uint8Array(await new Response(result.body).arrayBuffer());
}
