import { z } from 'zod';
import { providerIds, type ProviderId } from '../src/lib/core/providers';

/** Environment variable that holds each provider's key. */
export const providerKeyVariables: Record<ProviderId, string> = {
  stability: 'STABILITY_API_KEY',
  wavespeed: 'WAVESPEED_API_KEY',
  huggingface: 'HF_TOKEN',
  gemini: 'GEMINI_API_KEY',
  qwen: 'DASHSCOPE_API_KEY'
};

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  STATIC_ROOT: z.string().default('build'),
  /** Largest request body any /api route accepts unless a route sets its own. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024)
});

export interface ProxyConfig {
  port: number;
  host: string;
  staticRoot: string;
  bodyLimitBytes: number;
  version: string;
  /** Provider keys; never logged, never sent to a client. */
  providerKeys: Partial<Record<ProviderId, string>>;
}

export function readConfig(env: NodeJS.ProcessEnv, version: string): ProxyConfig {
  const parsed = EnvSchema.parse(env);
  const providerKeys: Partial<Record<ProviderId, string>> = {};
  for (const id of providerIds) {
    const key = env[providerKeyVariables[id]]?.trim();
    if (key) providerKeys[id] = key;
  }
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    staticRoot: parsed.STATIC_ROOT,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    version,
    providerKeys
  };
}
