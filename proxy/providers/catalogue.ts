import { estimateCost } from '../../src/lib/core/cost/estimate';
import { modelsFor } from '../../src/lib/core/operations/models';
import type { ProviderId } from '../../src/lib/core/providers';
import type { AdapterConfig, ProviderAdapter } from './types';

/**
 * Where each provider is reached: the variable holding its key, the variable that overrides its base URL (a regional
 * endpoint, a gateway, a test fake) and its public API's base URL.
 */
export const providerEndpoints: Record<
  ProviderId,
  {
    keyVariable: string;
    urlVariable: string;
    baseUrl: string;
    /** Hosts the provider's documented result links use (HTTPS only); empty when results come in the answer. */
    resultHosts: readonly string[];
  }
> = {
  stability: {
    keyVariable: 'STABILITY_API_KEY',
    urlVariable: 'STABILITY_BASE_URL',
    baseUrl: 'https://api.stability.ai',
    resultHosts: []
  },
  wavespeed: {
    keyVariable: 'WAVESPEED_API_KEY',
    urlVariable: 'WAVESPEED_BASE_URL',
    baseUrl: 'https://api.wavespeed.ai/api/v3',
    // Outputs are served from WaveSpeed's CloudFront distribution and its static host.
    resultHosts: ['*.cloudfront.net', 'static.wavespeed.ai']
  },
  huggingface: {
    keyVariable: 'HF_TOKEN',
    urlVariable: 'HF_BASE_URL',
    baseUrl: 'https://router.huggingface.co/hf-inference',
    resultHosts: []
  },
  gemini: {
    keyVariable: 'GEMINI_API_KEY',
    urlVariable: 'GEMINI_BASE_URL',
    baseUrl: 'https://generativelanguage.googleapis.com',
    resultHosts: []
  },
  qwen: {
    keyVariable: 'DASHSCOPE_API_KEY',
    urlVariable: 'DASHSCOPE_BASE_URL',
    baseUrl: 'https://dashscope-intl.aliyuncs.com',
    // Task results are links to OSS buckets (dashscope-result-*.oss-*.aliyuncs.com).
    resultHosts: ['*.aliyuncs.com']
  }
};

/** The parts every adapter shares: its models from the catalogue and its prices from the one cost table. */
export function adapterBasics(
  id: ProviderId,
  config: AdapterConfig
): Pick<ProviderAdapter, 'id' | 'capabilities' | 'pollIntervalMs' | 'estimate'> {
  return { id, capabilities: modelsFor(id), pollIntervalMs: config.pollIntervalMs, estimate: estimateCost };
}

/** The upstream call settings that come from the adapter's config. */
export const callSettings = (id: ProviderId, config: AdapterConfig, signal: AbortSignal) => ({
  provider: id,
  signal,
  timeoutMs: config.timeoutMs,
  retry: config.retry,
  secrets: [config.apiKey]
});

export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`;

/** A file part as a data URI, for providers that take images inside JSON. */
export async function dataUri(blob: Blob): Promise<string> {
  const bytes = Buffer.from(await blob.arrayBuffer());
  return `data:${blob.type || 'application/octet-stream'};base64,${bytes.toString('base64')}`;
}

/** The uploaded part an operation's image field names; pre-flight made sure it was declared. */
export function partOf(files: ReadonlyMap<string, Blob>, part: string): Blob {
  const blob = files.get(part);
  if (!blob) throw new Error(`missing upload part "${part}"`);
  return blob;
}
