import { hashToken, UserDirectory } from '../auth/users';
import { createApp } from '../app';
import { readConfig } from '../config';
import type { Sql } from '../db/sql';
import type { ProviderId } from '../../src/lib/core/providers';
import { mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAdapters, buildEnhancer, jobRunnerFor } from '../ai/setup';
import { filesystemStore } from '../storage/blob-store';
import type { AiDeps } from '../ai/routes';

export const TEST_TOKEN = 'isk_test-token-for-alice';

/** Fakes serve result files on loopback: their origins are trusted the way an operator trusts a gateway. */
const resultOrigins = (upstreams: Partial<Record<ProviderId, { url: string }>>) => ({
  AI_RESULT_ORIGINS: Object.values(upstreams)
    .map((upstream) => upstream.url)
    .join(',')
});

/** The whole server (createApp) with real adapters pointed at fake upstreams and a given ledger. */
export function appWithAi(
  sql: Sql,
  upstreams: Partial<Record<ProviderId, { url: string; key: string }>>,
  overrides: Partial<AiDeps> = {}
) {
  const env: NodeJS.ProcessEnv = {};
  for (const [id, upstream] of Object.entries(upstreams) as [ProviderId, { url: string; key: string }][]) {
    const variables: Record<ProviderId, [string, string]> = {
      stability: ['STABILITY_API_KEY', 'STABILITY_BASE_URL'],
      wavespeed: ['WAVESPEED_API_KEY', 'WAVESPEED_BASE_URL'],
      huggingface: ['HF_TOKEN', 'HF_BASE_URL'],
      gemini: ['GEMINI_API_KEY', 'GEMINI_BASE_URL'],
      qwen: ['DASHSCOPE_API_KEY', 'DASHSCOPE_BASE_URL']
    };
    env[variables[id][0]] = upstream.key;
    env[variables[id][1]] = upstream.url;
  }
  const config = readConfig(
    { ...env, AI_UPSTREAM_TIMEOUT_MS: '2000', AI_JOB_TIMEOUT_MS: '5000', ...resultOrigins(upstreams) },
    '0.0.0-test'
  );
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const adapters = buildAdapters(config, 5);
  const results = filesystemStore(mkdtempSync(join(tmpdir(), 'image-studio-results-')));
  const deps: AiDeps = {
    sql,
    users: new UserDirectory([
      { name: 'alice', tokenHash: hashToken(TEST_TOKEN), monthlyBudgetUsd: 1, createdAt: 'test' }
    ]),
    adapters,
    results,
    runner: jobRunnerFor(config, sql, results, adapters, log),
    enhance: buildEnhancer(config),
    defaultBudgetUsd: 10,
    ratePerMinute: 1_000,
    waitMs: 10_000,
    uploadLimitBytes: 2 * 1024 * 1024,
    log,
    ...overrides
  };
  const app = createApp({
    version: '0.0.0-test',
    bodyLimitBytes: 1024 * 1024,
    providerKeys: config.providerKeys,
    ai: deps
  });
  const call = (path: string, init: RequestInit = {}, token: string | null = TEST_TOKEN) =>
    app.request(path, {
      ...init,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.headers as Record<string, string>)
      }
    });
  const run = (operation: unknown, key: string, token: string | null = TEST_TOKEN) =>
    call(
      '/api/ai/run',
      {
        method: 'POST',
        body: JSON.stringify(operation),
        headers: { 'content-type': 'application/json', 'idempotency-key': key }
      },
      token
    );
  /** The same app as a real HTTP server on loopback. */
  const listen = async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  };
  return { app, call, run, lines, deps, listen };
}
