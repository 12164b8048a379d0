import { join } from 'node:path';
import type { ProviderId } from '../../src/lib/core/providers';
import { parseUsersEnv, WatchedUserDirectory } from '../auth/users';
import type { ProxyConfig } from '../config';
import type { Sql } from '../db/sql';
import { openDatabase } from '../db/open';
import { geminiAdapter, geminiEnhancer } from '../providers/gemini/adapter';
import { huggingfaceAdapter } from '../providers/huggingface/adapter';
import { qwenAdapter } from '../providers/qwen/adapter';
import { stabilityAdapter } from '../providers/stability/adapter';
import { providerEndpoints } from '../providers/catalogue';
import { defaultRetry, type AdapterConfig, type ProviderAdapter } from '../providers/types';
import { wavespeedAdapter } from '../providers/wavespeed/adapter';
import { filesystemStore, s3Store, type BlobStore } from '../storage/blob-store';
import { JobRunner } from './jobs';
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
        pollIntervalMs: pollIntervalMs ?? pollIntervals[id],
        resultHosts: { hosts: providerEndpoints[id].resultHosts, origins: config.ai.resultOrigins }
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
    pollIntervalMs: pollIntervals.gemini,
    resultHosts: { hosts: [], origins: [] }
  });
}

/** Where AI results are kept: the shares' S3 bucket under its own prefix, else a directory beside the ledger. */
export function resultStoreFor(config: ProxyConfig): BlobStore {
  const { s3 } = config.shares;
  return s3
    ? s3Store({ ...s3, prefix: config.ai.s3ResultsPrefix })
    : filesystemStore(config.ai.resultsDir ?? join(config.ai.dataDir, 'results'));
}

/** The job runner over a ledger, a result store and adapters, with the operator's limits. */
export function jobRunnerFor(
  config: Pick<ProxyConfig, 'ai'>,
  sql: Sql,
  results: BlobStore,
  adapters: ReadonlyMap<ProviderId, ProviderAdapter>,
  log: (line: string) => void
): JobRunner {
  return new JobRunner({
    sql,
    store: results,
    adapters,
    jobTimeoutMs: config.ai.jobTimeoutMs,
    resultLimitBytes: config.ai.resultLimitBytes,
    resultTtlDays: config.ai.resultTtlDays,
    log
  });
}

/**
 * Everything the AI routes need: the migrated ledger, the users, the adapters, and a job runner that has already
 * taken back jobs a stopped server left (and keeps doing so, with heartbeats and output expiry, until shutdown).
 */
export async function createAiDeps(config: ProxyConfig, log: (line: string) => void): Promise<AiDeps> {
  const { ai } = config;
  const sql = await openDatabase({ databaseUrl: ai.databaseUrl, dataDir: join(ai.dataDir, 'ledger') });
  const adapters = buildAdapters(config);
  const results = resultStoreFor(config);
  const runner = jobRunnerFor(config, sql, results, adapters, log);
  const resumed = await runner.recover();
  if (resumed) log(`[ai] took back ${resumed} job(s) a stopped server left`);
  await runner.expire();
  runner.startMaintenance();
  return {
    sql,
    users: new WatchedUserDirectory(ai.usersFile, parseUsersEnv(ai.usersEnv)),
    adapters,
    runner,
    results,
    enhance: buildEnhancer(config),
    defaultBudgetUsd: ai.defaultBudgetUsd,
    ratePerMinute: ai.ratePerMinute,
    waitMs: ai.waitMs,
    uploadLimitBytes: ai.uploadLimitBytes,
    log
  };
}
