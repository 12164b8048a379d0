import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { solidPng } from './png';
import { bearerOf, jsonOf, sendJson, startFakeServer, type FakeServer } from './server';

const MB = 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A loopback service the proxy must never reach (an internal admin API, a metadata endpoint). */
export interface InternalService {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startInternalService(): Promise<InternalService> {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '/');
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(solidPng(8, 8, [255, 0, 0]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}

/** `size` bytes of a "PNG" (the signature, then zeros) written chunk by chunk: the fake never holds it whole. */
function streamPng(response: import('node:http').ServerResponse, size: number) {
  const chunk = Buffer.alloc(256 * 1024);
  let sent = 0;
  const pump = () => {
    while (sent < size) {
      const part = sent === 0 ? Buffer.concat([PNG_SIGNATURE, chunk]) : chunk;
      const piece = part.subarray(0, Math.min(part.length, size - sent));
      sent += piece.length;
      if (!response.write(piece)) return void response.once('drain', pump);
    }
    response.end();
  };
  response.on('close', () => (sent = size));
  pump();
}

let bomb: Promise<Buffer> | undefined;
/** A PNG signature and 300 MB of zeros, gzipped to about 300 KB, built once per process. */
function gzipBomb(): Promise<Buffer> {
  bomb ??= new Promise((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (part: Buffer) => parts.push(part));
    gzip.on('end', () => resolve(Buffer.concat(parts)));
    gzip.on('error', reject);
    gzip.write(PNG_SIGNATURE);
    const zeros = Buffer.alloc(MB);
    let left = 300;
    const feed = () => {
      while (left > 0) {
        left--;
        if (!gzip.write(zeros)) return void gzip.once('drain', feed);
      }
      gzip.end();
    };
    feed();
  });
  return bomb;
}

export interface HostileWaveSpeed extends FakeServer {
  /** Submissions accepted (each one a prediction WaveSpeed would bill). */
  submits: () => number;
}

/**
 * WaveSpeed's v3 contract (submit, poll `/predictions/{id}/result`, download the output link) turned hostile by
 * words in the prompt: `huge:<MB>` streams a result that large; `bomb` answers a 300 MB gzip bomb; `html` serves
 * a web page as the result; `loopback`, `redirect` and `data` link to `internal` directly, through a 302, or as
 * a data: URL; `slow:<n>` stays pending for n polls; `nulerror` fails with U+0000 and a lone surrogate in its
 * error text. Anything else gets a small real PNG.
 */
export async function startHostileWaveSpeed(apiKey: string, internalUrl: string): Promise<HostileWaveSpeed> {
  const jobs = new Map<string, { polls: number; prompt: string }>();
  let submits = 0;
  const server = await startFakeServer(async (request, response) => {
    const file = request.path.match(/^\/files\/(\w+)\/(\d+)$/);
    if (request.method === 'GET' && file) {
      const [, kind, size] = file;
      if (kind === 'huge') {
        response.writeHead(200, { 'content-type': 'image/png' });
        return streamPng(response, Number(size) * MB);
      }
      if (kind === 'bomb') {
        const body = await gzipBomb();
        response.writeHead(200, { 'content-type': 'image/png', 'content-encoding': 'gzip' });
        return response.end(body);
      }
      if (kind === 'html') {
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<!doctype html><script>alert(document.cookie)</script>'.padEnd(200));
      }
      if (kind === 'redirect') {
        response.writeHead(302, { location: `${internalUrl}/latest/meta-data` });
        return response.end();
      }
      response.writeHead(200, { 'content-type': 'image/png' });
      return response.end(solidPng(64, 48, [30, 120, 200]));
    }
    if (bearerOf(request) !== apiKey)
      return sendJson(response, 401, { code: 401, message: 'Invalid API key' });
    const poll = request.path.match(/^\/predictions\/([\w-]+)\/result$/);
    if (request.method === 'GET' && poll) {
      const job = jobs.get(poll[1] ?? '');
      if (!job) return sendJson(response, 404, { code: 404, message: 'prediction not found' });
      const slow = Number(job.prompt.match(/slow:(\d+)/)?.[1] ?? server.pendingPolls);
      if (job.polls++ < slow)
        return sendJson(response, 200, {
          code: 200,
          data: { id: poll[1], status: 'processing', outputs: [] }
        });
      if (/nulerror/.test(job.prompt))
        return sendJson(response, 200, {
          code: 200,
          data: { id: poll[1], status: 'failed', outputs: [], error: 'model crashed \u0000 at \uD800 step' }
        });
      const huge = job.prompt.match(/huge:(\d+)/)?.[1];
      const link = huge
        ? `${server.url}/files/huge/${huge}`
        : /bomb/.test(job.prompt)
          ? `${server.url}/files/bomb/0`
          : /html/.test(job.prompt)
            ? `${server.url}/files/html/0`
            : /redirect/.test(job.prompt)
              ? `${server.url}/files/redirect/0`
              : /loopback/.test(job.prompt)
                ? `${internalUrl}/admin/secret.png`
                : /data/.test(job.prompt)
                  ? `data:image/png;base64,${Buffer.from(solidPng(4, 4, [0, 0, 0])).toString('base64')}`
                  : `${server.url}/files/ok/0`;
      return sendJson(response, 200, {
        code: 200,
        data: { id: poll[1], status: 'completed', outputs: [link] }
      });
    }
    if (request.method !== 'POST') return sendJson(response, 404, { code: 404, message: 'not found' });
    const body = jsonOf(request);
    if (typeof body.prompt !== 'string' || !body.prompt)
      return sendJson(response, 400, { code: 400, message: 'prompt is required' });
    submits++;
    const id = randomUUID();
    jobs.set(id, { polls: 0, prompt: body.prompt });
    sendJson(response, 200, { code: 200, message: 'success', data: { id, status: 'created', outputs: [] } });
  });
  server.pendingPolls = 0;
  return Object.assign(server, { submits: () => submits });
}
