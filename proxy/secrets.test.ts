import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GenerateOperationSchema } from '../src/lib/core/operations';
import { modelsFor } from '../src/lib/core/operations/models';
import { providerIds, type ProviderId } from '../src/lib/core/providers';
import { aiClient, appWithAi, TEST_TOKEN } from './testing/ai-harness';
import { onLoopback } from './testing/loopback';
import { startEchoingSmtp } from './testing/smtp-sink';
import { createApp } from './app';
import { hashToken, UserDirectory } from './auth/users';
import { readConfig } from './config';
import { configSecrets, serverLog } from './log/log';
import { createNotifyDeps } from './notify/setup';
import { openPglite, type Sql } from './db/sql';
import { migrate } from './db/migrate';
import type { FakeServer } from './testing/fakes/server';
import { startFakeGemini } from './testing/fakes/gemini';
import { startFakeHuggingFace } from './testing/fakes/huggingface';
import { startFakeQwen } from './testing/fakes/qwen';
import { startFakeStability } from './testing/fakes/stability';
import { startFakeWaveSpeed } from './testing/fakes/wavespeed';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The key as hostile upstreams quote it back: plain, a fragment, URL-encoded, base64 alone and inside more. */
const echoes = (key: string) =>
  [
    key,
    key.slice(3, 14),
    encodeURIComponent(key),
    b64(key),
    Buffer.from(key).toString('base64url'),
    b64(`user:${key}`),
    b64(`Bearer ${key}`),
    encodeURIComponent(b64(key))
  ].join(' | ');

/**
 * Every 8-character run of the secret and of its URL, hex and base64 forms at each byte alignment, computed
 * here independently of the server's redaction.
 */
function fingerprints(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('hex')];
  for (const pad of ['', 'x', 'xy']) {
    const encoded = b64(pad + secret).replace(/=+$/, '');
    const core = encoded.slice(pad.length ? pad.length + 1 : 0, -2);
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  const runs = new Set<string>();
  for (const form of forms) for (let at = 0; at + 8 <= form.length; at++) runs.add(form.slice(at, at + 8));
  return [...runs];
}

/** The first place any form of a secret appears, with what is around it; '' when none does. */
function leakOf(everything: string, secret: string): string {
  for (const run of fingerprints(secret)) {
    const at = everything.indexOf(run);
    if (at !== -1) return `${run}: ${everything.slice(Math.max(0, at - 200), at + 60)}`;
  }
  return '';
}

/** Known fake keys, random like real ones: no form of them may appear in any answer or log line. */
const keys: Record<ProviderId, string> = {
  stability: 'sk-Q7vX2pL9mK4tR8wZ3nB6yH1',
  wavespeed: 'ws-Jd83KfqP0zLm2Nx7Vb5Tc9a',
  huggingface: 'hf_Wq4Er7Ty1Ui3Op6As9Df2Gh',
  gemini: 'AIzaXc5Vb8Nm2Lk4Jh7Gf1Ds3',
  qwen: 'sk-Pz6Ox9Iu2Yt5Rr8Ee1Ww4Qq'
};
const starters: Record<ProviderId, (key: string) => Promise<FakeServer>> = {
  stability: startFakeStability,
  wavespeed: startFakeWaveSpeed,
  huggingface: startFakeHuggingFace,
  gemini: startFakeGemini,
  qwen: startFakeQwen
};

describe('provider keys never leave the server', () => {
  let sql: Sql;
  const fakes = new Map<ProviderId, FakeServer>();
  const seen: string[] = [];
  const consoleLines: string[] = [];
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    sql = await openPglite();
    await migrate(sql);
    for (const id of providerIds) fakes.set(id, await starters[id](keys[id]));
    for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation(
        (...args: unknown[]) => void consoleLines.push(args.map(String).join(' '))
      );
    }
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    for (const close of closers) await close();
    for (const fake of fakes.values()) await fake.close();
    await sql.close();
  });

  const record = async (response: Response) => {
    seen.push(`${response.status} ${JSON.stringify([...response.headers.entries()])}`);
    seen.push(Buffer.from(await response.arrayBuffer()).toString('latin1'));
  };

  it('in every answer and log line, through successes and every kind of failure', async () => {
    const upstreams = Object.fromEntries(
      providerIds.map((id) => [id, { url: fakes.get(id)!.url, key: keys[id] }])
    );
    const server = appWithAi(sql, upstreams, { defaultBudgetUsd: 100 });
    const http = await onLoopback(server.app);
    closers.push(http.close);
    Object.assign(server, aiClient(http.request));
    await record(await http.request('/api/health'));
    await record(await server.call('/api/ai/providers'));
    await record(await server.call('/api/ai/budget'));
    let n = 0;
    for (const id of providerIds) {
      const model = modelsFor(id, 'generate')[0]!.id;
      const op = GenerateOperationSchema.parse({
        operation: 'generate',
        provider: id,
        model,
        prompt: 'a small boat',
        width: 1024,
        height: 1024
      });
      await record(
        await server.call('/api/ai/estimate', {
          method: 'POST',
          body: JSON.stringify(op),
          headers: { 'content-type': 'application/json' }
        })
      );
      const ok = await server.run(op, `ok-${id}`);
      expect(ok.status, id).toBe(200);
      await record(ok);
      // Upstream errors that quote the key back in several encodings: 400, 401, 429 and 5xx bodies.
      const fake = fakes.get(id)!;
      for (const status of [400, 401, 429, 500]) {
        const said = `bad key ${echoes(keys[id])}`;
        fake.failNext(
          {
            status,
            headers: { 'retry-after': '999' },
            body: { message: said, errors: [said], error: said }
          },
          5
        );
        const failed = await server.run(op, `fail-${id}-${n++}`);
        expect(failed.status, `${id} ${status}`).toBeGreaterThanOrEqual(400);
        await record(failed);
        fake.clearFaults();
      }
    }
    // The wrong key configured: the upstream refuses it and (Stability) repeats it.
    const wrong = appWithAi(
      sql,
      Object.fromEntries(
        providerIds.map((id) => [id, { url: fakes.get(id)!.url, key: `${keys[id]}-WRONG` }])
      ),
      { defaultBudgetUsd: 100 }
    );
    for (const id of providerIds) {
      const op = GenerateOperationSchema.parse({
        operation: 'generate',
        provider: id,
        model: modelsFor(id, 'generate')[0]!.id,
        prompt: 'boat'
      });
      await record(await wrong.run(op, `wrong-${id}`));
    }
    const everything = [...seen, ...server.lines, ...wrong.lines, ...consoleLines].join('\n');
    expect(server.lines.length).toBeGreaterThan(10);
    for (const key of Object.values(keys)) expect(leakOf(everything, key)).toBe('');
    // The log keeps the upstream's words, redacted; answers keep none of them.
    expect(server.lines.join('\n')).toMatch(/upstream said: bad key \[redacted\]/);
    expect(seen.join('\n')).not.toContain('bad key');
  });

  it('nor the SMTP password, when a mail server refuses the login and quotes it back in every encoding', async () => {
    const pass = 'mail-PASS-9d8c7b';
    for (const method of ['PLAIN', 'LOGIN'] as const) {
      const smtp = await startEchoingSmtp(method);
      closers.push(smtp.close);
      const config = readConfig(
        { SMTP_URL: `smtp://mailer:${pass}@127.0.0.1:${smtp.port}`, SMTP_TIMEOUT_MS: '2000' },
        '0.0.0-test'
      );
      const lines: string[] = [];
      const users = new UserDirectory([
        { name: 'alice', tokenHash: hashToken(TEST_TOKEN), email: 'alice@example.test', createdAt: 'test' }
      ]);
      const app = createApp({
        version: '0.0.0-test',
        bodyLimitBytes: 64 * 1024,
        providerKeys: {},
        notify: createNotifyDeps(
          config.notify,
          users,
          serverLog(configSecrets(config), (line) => lines.push(line))
        )
      });
      const http = await onLoopback(app);
      closers.push(http.close);
      const response = await http.request('/api/notify', {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'batch-finished',
          batchName: 'Spring',
          total: 3,
          succeeded: 3,
          failed: 0
        })
      });
      expect(response.status, method).toBe(502);
      await record(response);
      // The refusal reached the log, quoting what was sent, with the password cut out of every form of it.
      expect(lines.join('\n'), method).toMatch(/refused.*\[redacted\]/);
      seen.push(...lines);
    }
    expect(leakOf([...seen, ...consoleLines].join('\n'), pass)).toBe('');
  });
});
