import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiErrorSchema } from '../src/lib/core/api/errors';
import { HealthResponseSchema } from '../src/lib/core/api/health';
import { createApp } from './app';
import { validateJson } from './http/validate';

const shell = `<!doctype html><html><head><script>console.log("theme")</script></head>
<body><script type="module">import("/_app/immutable/entry/start.js")</script></body></html>`;

let staticRoot: string;

beforeAll(() => {
  staticRoot = mkdtempSync(join(tmpdir(), 'image-studio-build-'));
  mkdirSync(join(staticRoot, '_app/immutable/entry'), { recursive: true });
  writeFileSync(join(staticRoot, '200.html'), shell);
  writeFileSync(join(staticRoot, 'sw.js'), 'self.addEventListener("install", () => {});');
  writeFileSync(join(staticRoot, '_app/immutable/entry/start.js'), 'export {};');
  writeFileSync(join(staticRoot, 'magick.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d]));
});

const app = (overrides: Partial<Parameters<typeof createApp>[0]> = {}) =>
  createApp({ version: '9.9.9', bodyLimitBytes: 1024, providerKeys: {}, staticRoot, ...overrides });

describe('GET /api/health', () => {
  it('answers the version and that no provider is configured', async () => {
    const response = await app().request('/api/health');
    expect(response.status).toBe(200);
    const body = HealthResponseSchema.parse(await response.json());
    expect(body.version).toBe('9.9.9');
    expect(body.providers.every((provider) => !provider.configured)).toBe(true);
  });

  it('says a provider is configured without revealing its key', async () => {
    const response = await app({ providerKeys: { stability: 'sk-test-secret-123' } }).request('/api/health');
    const text = await response.text();
    expect(text).not.toContain('sk-test-secret-123');
    const body = HealthResponseSchema.parse(JSON.parse(text));
    expect(body.providers.find((provider) => provider.id === 'stability')?.configured).toBe(true);
  });
});

describe('errors use one JSON shape', () => {
  it('answers an unknown API route with 404 and the error shape', async () => {
    const response = await app().request('/api/nope', { method: 'POST' });
    expect(response.status).toBe(404);
    const body = ApiErrorSchema.parse(await response.json());
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('/api/nope');
  });

  it('refuses an oversized body with 413 and a message naming the limit', async () => {
    const response = await app().request('/api/health', {
      method: 'POST',
      body: 'x'.repeat(4096),
      headers: { 'Content-Type': 'text/plain' }
    });
    expect(response.status).toBe(413);
    const body = ApiErrorSchema.parse(await response.json());
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toContain('1 KB');
  });

  it('refuses an oversized body that declares no length (streamed)', async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(512)));
        controller.close();
      }
    });
    const response = await app().request('/api/anything', {
      method: 'POST',
      body: stream,
      duplex: 'half'
    } as RequestInit);
    expect(response.status).toBe(413);
  });
});

describe('validateJson', () => {
  const schema = z.object({ width: z.number().int().min(1), name: z.string() });
  const api = new Hono().post('/echo', validateJson(schema), (c) => c.json(c.req.valid('json')));
  const post = (body: string) =>
    api.request('/echo', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });

  it('passes a valid body through typed', async () => {
    const response = await post(JSON.stringify({ width: 3, name: 'a' }));
    expect(await response.json()).toEqual({ width: 3, name: 'a' });
  });

  it('names each wrong field', async () => {
    const response = await post(JSON.stringify({ width: 0 }));
    expect(response.status).toBe(400);
    const body = ApiErrorSchema.parse(await response.json());
    expect(body.error.code).toBe('invalid_request');
    expect(Object.keys(body.error.fields ?? {})).toEqual(['width', 'name']);
  });
});

describe('serving the built app', () => {
  it('answers deep links with the app shell, uncached', async () => {
    const response = await app().request('/social/some/deep/link');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('entry/start.js');
    expect(response.headers.get('Cache-Control')).toBe('no-cache');
  });

  it('caches hashed assets for a year and the service worker not at all', async () => {
    const hashed = await app().request('/_app/immutable/entry/start.js');
    expect(hashed.headers.get('Cache-Control')).toContain('immutable');
    const sw = await app().request('/sw.js');
    expect(sw.headers.get('Cache-Control')).toBe('no-cache');
  });

  it('serves wasm with its MIME type', async () => {
    const response = await app().request('/magick.wasm');
    expect(response.headers.get('Content-Type')).toBe('application/wasm');
  });

  it('keeps a missing file a 404 instead of answering with the shell', async () => {
    expect((await app().request('/missing.png')).status).toBe(404);
  });

  it('sends a CSP that allows wasm and the shell’s own inline scripts, and nothing from other origins', async () => {
    const csp = (await app().request('/')).headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp.match(/'sha256-[^']+'/g)).toHaveLength(2);
    expect(csp).not.toMatch(/https?:/);
    expect(csp).toContain("worker-src 'self' blob:");
  });
});
