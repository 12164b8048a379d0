import { toImageError } from '$core/errors/image-error';
import type { OptimizedOutput, OutputRequestInput } from '$core/optimize/schema';
import { createOptimizePool } from '$lib/workers/optimize-worker';
import { browserCodec } from '$workers/optimize/browser-codec';
import decodeJpeg from '@jsquash/jpeg/decode';
import encodeJpeg from '@jsquash/jpeg/encode';
import resize from '@jsquash/resize';

// The browser half of bench/optimize.ts and browser-codec.test.ts: the app's worker pool on a bare page
// (built and opened by openOptimizePage in ../chromium.ts).

const toBase64 = (bytes: Uint8Array): string => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
};

async function fetchBytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

/**
 * The whole export as the pool runs one source over every worker (decoded once, outputs shared out),
 * kept open so the bench can time one export at a time, in turn with sharp under the same load.
 */
let session: { once: () => Promise<OptimizedOutput[]>; close: () => void } | undefined;

/** `workers` left out: the app's own pool size for this machine. Returns the pool's size. */
async function openExport(url: string, requests: OutputRequestInput[], workers?: number) {
  const bytes = await fetchBytes(url);
  const pool = createOptimizePool(workers);
  const once = () => pool.optimizeAcross(bytes, requests, { detect: false });
  await once();
  session = { once, close: () => pool.terminate() };
  return pool.size;
}

/** One timed export of the open session. */
async function timeExport(): Promise<number> {
  const started = performance.now();
  await session?.once();
  return performance.now() - started;
}

/** Closes the session after one last export, whose outputs come back in request order. */
async function closeExport() {
  const outputs = (await session?.once()) ?? [];
  session?.close();
  session = undefined;
  return outputs.map((output) => toBase64(output.bytes));
}

async function optimize(
  url: string,
  requests: OutputRequestInput[],
  workers: number | undefined,
  runs: number
) {
  await openExport(url, requests, workers);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await timeExport());
  return { times, outputs: await closeExport() };
}

/** Detection time per image as the worker reports it (models loaded once, decoding excluded). */
async function analyze(urls: string[]) {
  const pool = createOptimizePool(1);
  await pool.analyze(await fetchBytes(urls[0] ?? ''));
  const ms: number[] = [];
  for (const url of urls) ms.push((await pool.analyze(await fetchBytes(url))).ms);
  pool.terminate();
  return ms;
}

/** One source through one worker, as the app runs it: results and output bytes, or the error's code. */
async function attempt(url: string, requests: OutputRequestInput[]) {
  const pool = createOptimizePool(1);
  try {
    const outputs = await pool.optimize(await fetchBytes(url), requests, { detect: false });
    return { outputs: outputs.map((output) => ({ result: output.result, bytes: toBase64(output.bytes) })) };
  } catch (error) {
    return { error: toImageError(error).toJSON() };
  } finally {
    pool.terminate();
  }
}

/**
 * Where the time goes: the worker's codec run step by step on one thread (decode, then each crop's
 * scaling, then each encode, nothing overlapped), one sample per run.
 */
async function steps(url: string, requests: OutputRequestInput[], runs: number) {
  const bytes = await fetchBytes(url);
  const samples: { decode: number; resize: number; encode: number }[] = [];
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    const image = await browserCodec.decode(bytes);
    const decode = performance.now() - started;
    started = performance.now();
    const rendered = [];
    for (const { preset, crop } of requests) {
      rendered.push(await image.render(crop!, preset, { flatten: true }));
    }
    const resize = performance.now() - started;
    started = performance.now();
    for (const output of rendered) await output.encode('jpeg', requests[0]?.quality ?? 82);
    const encode = performance.now() - started;
    rendered.forEach((output) => output.dispose());
    image.dispose();
    samples.push({ decode, resize, encode });
  }
  return samples;
}

/** The crop's pixels as an ImageData of their own (the resizer takes a whole image). */
function cropOf(
  image: ImageData,
  { x, y, width, height }: { x: number; y: number; width: number; height: number }
) {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * image.width + x) * 4;
    out.set(image.data.subarray(from, from + width * 4), row * width * 4);
  }
  return new ImageData(out, width, height);
}

/**
 * The in-browser WASM peer: jSquash (Squoosh's codecs) doing the same export on the page's thread — mozjpeg
 * decode once, then per output the crop copied out, Squoosh's Lanczos3 resize and a mozjpeg encode at the same
 * quality with jSquash's other defaults. Returns the time of each run and the last run's outputs. The first
 * call for a URL also runs once untimed (fetch, wasm compile), so later calls can time one run each, in turn
 * with the other exports.
 */
const peerSources = new Map<string, ArrayBuffer>();
async function wasmPeer(url: string, requests: OutputRequestInput[], runs: number) {
  const known = peerSources.get(url);
  const bytes = known ?? (await (await fetch(url)).arrayBuffer());
  peerSources.set(url, bytes);
  const once = async () => {
    const image = await decodeJpeg(bytes);
    const outputs: ArrayBuffer[] = [];
    for (const { preset, crop, quality } of requests) {
      const scaled = await resize(cropOf(image, crop!), {
        width: preset.width,
        height: preset.height,
        method: 'lanczos3',
        fitMethod: 'stretch',
        premultiply: false,
        linearRGB: false
      });
      outputs.push(await encodeJpeg(scaled, { quality: quality ?? 82 }));
    }
    return outputs;
  };
  if (!known) await once();
  const times: number[] = [];
  let outputs: ArrayBuffer[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    outputs = await once();
    times.push(performance.now() - started);
  }
  return { times, outputs: outputs.map((output) => toBase64(new Uint8Array(output))) };
}

const api = { wasmPeer, openExport, timeExport, closeExport, optimize, analyze, attempt, steps };
export type OptimizePageApi = typeof api;
Object.assign(globalThis, { optimizePage: api });
