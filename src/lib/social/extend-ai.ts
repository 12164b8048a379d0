import type { ProvidersResponse } from '$core/api/ai';
import type { OutpaintSides } from '$core/crop/extend';
import type { AiOperationInput } from '$core/operations';
import { asInput, type ImageFacts } from '$core/studio/image-input';
import { chosenModel, type ModelChoice } from '$core/studio/models';
import { AiClientError, type AiClient } from '$lib/ai/client';

/** Whether "extend with AI" (the proxy's outpaint) can run from here, and if not, why. */
export type ExtendReach =
  | { kind: 'checking' | 'no-token' | 'offline' | 'no-outpaint' | 'refused' }
  | { kind: 'ready'; client: AiClient; model: ModelChoice };

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
  return model ? { kind: 'ready', client, model } : { kind: 'no-outpaint' };
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
      return `Extend with AI grows the photo to each frame with ${reach.model.label}; the cost is shown before it runs.`;
  }
}

/** The outpaint that grows a photo by `sides`, with the proxy's model. */
export function extendOperation(
  model: ModelChoice,
  facts: ImageFacts,
  sides: OutpaintSides
): AiOperationInput {
  return {
    operation: 'edit.outpaint',
    provider: model.provider,
    model: model.model,
    image: asInput('image', facts),
    ...sides
  };
}
