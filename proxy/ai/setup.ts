import { join } from 'node:path';
import type { ProviderId } from '../../src/lib/core/providers';
import { parseUsersEnv, WatchedUserDirectory } from '../auth/users';
import type { ProxyConfig } from '../config';
import { MAX_VARIATIONS } from '../../src/lib/core/operations';
import { releaseStale } from '../ledger/ledger';
import { openDatabase } from '../db/open';
import { geminiAdapter, geminiEnhancer } from '../providers/gemini/adapter';
import { huggingfaceAdapter } from '../providers/huggingface/adapter';
import { qwenAdapter } from '../providers/qwen/adapter';
import { stabilityAdapter } from '../providers/stability/adapter';
import { defaultRetry, type AdapterConfig, type ProviderAdapter } from '../providers/types';
import { wavespeedAdapter } from '../providers/wavespeed/adapter';
import type { AiDeps } from './routes';

const factories: Record<ProviderId, (config: AdapterConfig) => ProviderAdapter> = {
  stability: stabilityAdapter,
  wavespeed: wavespeedAdapter,
  huggingface: huggingfaceAdapter,
  gemini: geminiAdapter,
  qwen: qwenAdapter
};

const pollIntervals: Record<ProviderId, number> = {
  stability: 2_000,
  wavespeed: 1_000,
  huggingface: 1_000,
  gemini: 1_000,
  qwen: 2_000
};

/** An adapter for each provider that has a key, and only those. */
export function buildAdapters(
  config: Pick<ProxyConfig, 'providerKeys' | 'ai'>,
  pollIntervalMs?: number
): Map<ProviderId, ProviderAdapter> {
  const adapters = new Map<ProviderId, ProviderAdapter>();
  for (const [id, apiKey] of Object.entries(config.providerKeys) as [ProviderId, string][]) {
    adapters.set(
      id,
      factories[id]({
        apiKey,
        baseUrl: config.ai.baseUrls[id],
        timeoutMs: config.ai.upstreamTimeoutMs,
        retry: defaultRetry,
        pollIntervalMs: pollIntervalMs ?? pollIntervals[id]
      })
    );
  }
  return adapters;
}

/** Prompt enhancement through Gemini's text model when Gemini is configured. */
export function buildEnhancer(config: Pick<ProxyConfig, 'providerKeys' | 'ai'>): AiDeps['enhance'] {
  const apiKey = config.providerKeys.gemini;
  if (!apiKey) return undefined;
  return geminiEnhancer({
    apiKey,
    baseUrl: config.ai.baseUrls.gemini,
    timeoutMs: config.ai.upstreamTimeoutMs,
    retry: defaultRetry,
    pollIntervalMs: pollIntervals.gemini
  });
}

/** Everything the AI routes need: the migrated ledger, the users, the adapters. */
export async function createAiDeps(config: ProxyConfig, log: (line: string) => void): Promise<AiDeps> {
  const { ai } = config;
  const sql = await openDatabase({ databaseUrl: ai.databaseUrl, dataDir: join(ai.dataDir, 'ledger') });
  // No job outlives this: its variations run two at a time, each polled for at most the job timeout.
  const staleMs = ai.jobTimeoutMs * Math.ceil(MAX_VARIATIONS / 2) + 5 * 60_000;
  const sweep = async () => {
    const released = await releaseStale(sql, staleMs);
    if (released) log(`[ai] released ${released} reservation(s) abandoned by a stopped server`);
  };
  await sweep();
  setInterval(
    () => void sweep().catch((error: Error) => log(`[ai] stale sweep failed: ${error.message}`)),
    10 * 60_000
  ).unref();
  return {
    sql,
    users: new WatchedUserDirectory(ai.usersFile, parseUsersEnv(ai.usersEnv)),
    adapters: buildAdapters(config),
    enhance: buildEnhancer(config),
    defaultBudgetUsd: ai.defaultBudgetUsd,
    ratePerMinute: ai.ratePerMinute,
    waitMs: ai.waitMs,
    jobTimeoutMs: ai.jobTimeoutMs,
    uploadLimitBytes: ai.uploadLimitBytes,
    log
  };
}
