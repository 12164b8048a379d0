import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seedColour, solidPng } from './png';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A scripted failure the next matching request gets instead of the contract's answer. */
export type Fault =
  { status: number; headers?: Record<string, string>; body?: unknown } | { hang: true } | { cutBody: true };

export interface FakeServer {
  url: string;
  /** Every request received, in order (the contract tests count them). */
  requests: RecordedRequest[];
  /** Queue `fault` for the next `times` requests whose path matches. */
  failNext(fault: Fault, times?: number, pathPattern?: RegExp): void;
  /** Drops faults not yet served. */
  clearFaults(): void;
  /** For asynchronous contracts: how many polls answer "still running" before a job is done. */
  pendingPolls: number;
  close(): Promise<void>;
}

export type Route = (request: RecordedRequest, response: ServerResponse) => unknown;

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** Parses a multipart or JSON body the way the real provider would receive it. */
export async function formOf(request: RecordedRequest): Promise<FormData> {
  return new Response(new Uint8Array(request.body), {
    headers: { 'content-type': request.headers['content-type'] ?? '' }
  }).formData();
}

export const jsonOf = (request: RecordedRequest): Record<string, unknown> =>
  JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;

/** A received request as a test in another process needs it: the prompt read from a multipart or JSON body. */
function summarise(request: RecordedRequest) {
  const text = request.body.toString('utf8');
  const multipart = text.match(/name="prompt"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/);
  let prompt = multipart?.[1];
  if (prompt === undefined && request.headers['content-type']?.includes('json')) {
    const value = (JSON.parse(text || '{}') as { prompt?: unknown }).prompt;
    prompt = typeof value === 'string' ? value : undefined;
  }
  return { method: request.method, path: request.path, prompt: prompt ?? null };
}

/** A real HTTP server on loopback: the provider contract is the route, faults are injected ahead of it. */
export async function startFakeServer(route: Route, port = 0): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const faults: { fault: Fault; left: number; pattern?: RegExp }[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const parts: Buffer[] = [];
    incoming.on('data', (part: Buffer) => parts.push(part));
    incoming.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(incoming.headers)) headers[name] = String(value);
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers,
        body: Buffer.concat(parts)
      };
      // End-to-end tests run the fake in another process; this is how they count what it received.
      if (recorded.method === 'GET' && recorded.path === '/__requests')
        return sendJson(response, 200, requests.map(summarise));
      // Lets an end-to-end test, which runs the fake in another process, read what the proxy sent upstream.
      const inspect = recorded.path.match(/^\/__recorded\?path=(.+)$/);
      if (recorded.method === 'GET' && inspect) {
        const wanted = decodeURIComponent(inspect[1] ?? '');
        const last = requests.findLast((request) => request.path === wanted);
        if (!last) return sendJson(response, 404, { error: `nothing received at ${wanted}` });
        response.writeHead(200, {
          'content-type': last.headers['content-type'] ?? 'application/octet-stream'
        });
        return response.end(last.body);
      }
      requests.push(recorded);
      const pending = faults.find(
        (entry) => entry.left > 0 && (!entry.pattern || entry.pattern.test(recorded.path))
      );
      if (pending) {
        pending.left--;
        const { fault } = pending;
        if ('hang' in fault) return;
        if ('cutBody' in fault) {
          response.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' });
          response.write(Buffer.alloc(10));
          setTimeout(() => response.destroy(), 20);
          return;
        }
        if (typeof fault.body === 'string') {
          response.writeHead(fault.status, fault.headers);
          response.end(fault.body);
        } else sendJson(response, fault.status, fault.body ?? {}, fault.headers);
        return;
      }
      Promise.resolve(route(recorded, response)).catch((error: Error) =>
        sendJson(response, 500, { error: error.message })
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    pendingPolls: 2,
    failNext(fault, times = 1, pathPattern) {
      faults.push({ fault, left: times, pattern: pathPattern });
    },
    clearFaults() {
      faults.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    }
  };
}

/** Reads the bearer token a request carried. */
export const bearerOf = (request: RecordedRequest): string | undefined =>
  request.headers.authorization?.replace(/^Bearer\s+/i, '');

/** Result files that asynchronous providers link to (`/files/{seed}.png`); answers false for other paths. */
export function serveResultFile(request: RecordedRequest, response: ServerResponse): boolean {
  const video = request.path.match(/^\/files\/(\d+)\.mp4$/);
  if (video) {
    response.writeHead(200, { 'content-type': 'video/mp4' });
    response.end(tinyMp4(Number(video[1])));
    return true;
  }
  const file = request.path.match(/^\/files\/(\d+)\.png$/);
  if (!file) return false;
  response.writeHead(200, { 'content-type': 'image/png' });
  response.end(solidPng(96, 64, seedColour(Number(file[1]))));
  return true;
}

/** An ISO-BMFF file with an `ftyp` (isom) box and an `mdat` carrying the seed: recognisable as MP4, not playable. */
export function tinyMp4(seed: number): Buffer {
  const ftyp = Buffer.from([
    0,
    0,
    0,
    0x18,
    ...Buffer.from('ftypisom'),
    0,
    0,
    2,
    0,
    ...Buffer.from('isommp41')
  ]);
  const payload = Buffer.from(`fake video ${seed}`);
  const mdat = Buffer.concat([Buffer.alloc(4), Buffer.from('mdat'), payload]);
  mdat.writeUInt32BE(mdat.length, 0);
  return Buffer.concat([ftyp, mdat]);
}
