import type { ProvidersResponse } from '$core/api/ai';
import { chosenModel } from '$core/studio/models';
import { AiClientError, type AiClient } from '$lib/ai/client';

/** Whether "extend with AI" (the proxy's outpaint) can run from here, and if not, why. */
export type ExtendReach =
  | { kind: 'checking' | 'no-token' | 'offline' | 'no-outpaint' | 'refused' }
  | { kind: 'ready'; model: string };

/** Asks the proxy what it runs: no token, no network and no outpaint model each say so. */
export async function extendReach(client: AiClient | undefined, online: boolean): Promise<ExtendReach> {
  if (!client) return { kind: 'no-token' };
  if (!online) return { kind: 'offline' };
  let providers: ProvidersResponse;
  try {
    providers = await client.providers();
  } catch (error) {
    const offline = error instanceof AiClientError && error.code === 'offline';
    return { kind: offline ? 'offline' : 'refused' };
  }
  const model = chosenModel(providers, 'edit.outpaint');
  return model ? { kind: 'ready', model: model.label } : { kind: 'no-outpaint' };
}

/** The sentence shown beside the disabled choice. */
export function extendReason(reach: ExtendReach): string {
  switch (reach.kind) {
    case 'checking':
      return 'Extend with AI: checking the connection to the AI proxy…';
    case 'no-token':
      return 'Extend with AI needs the AI proxy: paste your token in Settings → AI proxy.';
    case 'offline':
      return 'Extend with AI needs the network: you are offline. The pads work on this device.';
    case 'no-outpaint':
      return 'Extend with AI needs an outpaint model, and the AI proxy has none configured.';
    case 'refused':
      return 'Extend with AI is unavailable: the AI proxy did not answer or did not accept your token.';
    case 'ready':
      return `Extend with AI (${reach.model}) is not offered here yet: outpaint in the Edit studio, then add the result.`;
  }
}
