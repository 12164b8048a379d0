import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithAi, TEST_TOKEN } from '../../../proxy/testing/ai-harness';
import { migrate } from '../../../proxy/db/migrate';
import { openPglite, type Sql } from '../../../proxy/db/sql';
import type { FakeServer } from '../../../proxy/testing/fakes/server';
import { startFakeStability } from '../../../proxy/testing/fakes/stability';
import { AiClient } from '$lib/ai/client';
import { extendReach, extendReason } from './extend-ai';

const KEY = 'sk-extend-test-key';

/** The proxy over real HTTP, with the given upstreams configured. */
async function proxyWith(sql: Sql, upstreams: Parameters<typeof appWithAi>[1]) {
  const { app } = appWithAi(sql, upstreams, { waitMs: 0 });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('extendReach', () => {
  let sql: Sql;
  let fake: FakeServer;
  let withStability: { server: ServerType; url: string };
  let withNothing: { server: ServerType; url: string };

  beforeAll(async () => {
    sql = await openPglite();
    await migrate(sql);
    fake = await startFakeStability(KEY);
    withStability = await proxyWith(sql, { stability: { url: fake.url, key: KEY } });
    withNothing = await proxyWith(sql, {});
  }, 60_000);
  afterAll(async () => {
    withStability.server.close();
    withNothing.server.close();
    await fake.close();
    await sql.close();
  });

  it('says a token is needed when none is saved, without asking anyone', async () => {
    const reach = await extendReach(undefined, true);
    expect(reach).toEqual({ kind: 'no-token' });
    expect(extendReason(reach)).toMatch(/token in Settings → AI proxy/);
  });

  it('says the device is offline when the browser says so', async () => {
    const reach = await extendReach(new AiClient({ proxyUrl: withStability.url, token: TEST_TOKEN }), false);
    expect(reach).toEqual({ kind: 'offline' });
    expect(extendReason(reach)).toMatch(/you are offline/);
  });

  it('counts a proxy nobody answers for as offline', async () => {
    const closed = await proxyWith(sql, {});
    closed.server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reach = await extendReach(new AiClient({ proxyUrl: closed.url, token: TEST_TOKEN }), true);
    expect(reach.kind).toBe('offline');
  });

  it('is refused with a token the proxy does not know', async () => {
    const reach = await extendReach(new AiClient({ proxyUrl: withStability.url, token: 'not-a-user' }), true);
    expect(reach).toEqual({ kind: 'refused' });
  });

  it('needs an outpaint model on the proxy', async () => {
    const reach = await extendReach(new AiClient({ proxyUrl: withNothing.url, token: TEST_TOKEN }), true);
    expect(reach).toEqual({ kind: 'no-outpaint' });
  });

  it('names the outpaint model a connected proxy runs', async () => {
    const reach = await extendReach(new AiClient({ proxyUrl: withStability.url, token: TEST_TOKEN }), true);
    expect(reach.kind).toBe('ready');
    expect(reach.kind === 'ready' && reach.model.label).toMatch(/Stability/);
    expect(extendReason(reach)).toMatch(/cost is shown before it runs/);
  });
});
