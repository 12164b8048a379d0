import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/lib/core/providers';
import { startFakeGemini } from '../testing/fakes/gemini';
import { startFakeHuggingFace } from '../testing/fakes/huggingface';
import { startFakeQwen } from '../testing/fakes/qwen';
import type { FakeServer } from '../testing/fakes/server';
import { startFakeStability } from '../testing/fakes/stability';
import { startFakeWaveSpeed } from '../testing/fakes/wavespeed';
import { geminiAdapter } from './gemini/adapter';
import { huggingfaceAdapter } from './huggingface/adapter';
import { qwenAdapter } from './qwen/adapter';
import { formatSmoke, runSmoke } from './smoke';
import { stabilityAdapter } from './stability/adapter';
import type { AdapterConfig, ProviderAdapter } from './types';
import { wavespeedAdapter } from './wavespeed/adapter';

const KEY = 'smoke-key-1';
const setups: [
  ProviderId,
  (key: string) => Promise<FakeServer>,
  (config: AdapterConfig) => ProviderAdapter
][] = [
  ['stability', startFakeStability, stabilityAdapter],
  ['wavespeed', startFakeWaveSpeed, wavespeedAdapter],
  ['huggingface', startFakeHuggingFace, huggingfaceAdapter],
  ['gemini', startFakeGemini, geminiAdapter],
  ['qwen', startFakeQwen, qwenAdapter]
];

describe('providers:smoke', () => {
  const fakes: FakeServer[] = [];
  const adapters = new Map<ProviderId, ProviderAdapter>();
  beforeAll(async () => {
    for (const [id, start, adapter] of setups) {
      const fake = await start(KEY);
      fake.pendingPolls = 1;
      fakes.push(fake);
      adapters.set(
        id,
        adapter({
          apiKey: KEY,
          baseUrl: fake.url,
          timeoutMs: 5_000,
          retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 50 },
          pollIntervalMs: 5,
          resultHosts: { hosts: [], origins: [fake.url] }
        })
      );
    }
  });
  afterAll(() => Promise.all(fakes.map((fake) => fake.close())));

  it('sends one cheapest request per configured provider and checks each answer against its contract', async () => {
    const lines = await runSmoke(adapters, 10_000);
    expect(lines.map((line) => [line.provider, line.model, line.status])).toEqual([
      ['stability', 'core', 'ok'],
      ['wavespeed', 'qwen-image', 'ok'],
      ['huggingface', 'black-forest-labs/FLUX.1-schnell', 'ok'],
      ['gemini', 'gemini-2.5-flash-image', 'ok'],
      ['qwen', 'qwen-image', 'ok']
    ]);
    for (const line of lines) {
      expect(line.latencyMs).toBeGreaterThanOrEqual(0);
      expect(line.costUsd).toBeGreaterThanOrEqual(0);
      expect(line.check).toMatch(/^contract ok \(image\/png, \d+ bytes\)$/);
    }
    // One submit per provider (plus the documented polls and downloads): never a batch.
    expect(fakes.map((fake) => fake.requests.filter((request) => request.method === 'POST').length)).toEqual([
      1, 1, 1, 1, 1
    ]);
    expect(formatSmoke(lines).split('\n')[0]).toBe('provider\tmodel\tstatus\tlatency\tcost\tcheck');
  });

  it('reports a provider whose answer breaks the contract as failed, with what was wrong', async () => {
    fakes[0]!.failNext({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' });
    const lines = await runSmoke(new Map([['stability', adapters.get('stability')!]]), 10_000);
    expect(lines[0]).toMatchObject({
      provider: 'stability',
      status: 'failed',
      check: 'unexpected content-type text/html'
    });
  });

  it('with no keys says which are missing and exits 0 without sending anything', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/providers-smoke.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME }
    });
    for (const variable of [
      'STABILITY_API_KEY',
      'WAVESPEED_API_KEY',
      'HF_TOKEN',
      'GEMINI_API_KEY',
      'DASHSCOPE_API_KEY'
    ])
      expect(stdout).toContain(`set ${variable} to include it`);
    expect(stdout).toContain('No provider keys set (5 missing); nothing was sent.');
  }, 60_000);
});
