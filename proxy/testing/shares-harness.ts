import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../app';
import type { Sql } from '../db/sql';
import type { BlobStore } from '../storage/blob-store';
import type { ShareDeps } from '../shares/routes';

/** The whole server (createApp) with share routes over a given database and store, and a clock to move. */
export function appWithShares(sql: Sql, store: BlobStore, overrides: Partial<ShareDeps> = {}) {
  const clock = { now: 1_800_000_000_000 };
  const app = createApp({
    version: '0.0.0-test',
    bodyLimitBytes: 1024 * 1024,
    providerKeys: {},
    shares: {
      sql,
      store,
      maxShareBytes: 8 * 1024 * 1024,
      userQuotaBytes: 32 * 1024 * 1024,
      maxComments: 50,
      now: () => clock.now,
      ...overrides
    }
  });
  return { app, clock };
}

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/**
 * Every file under `dir` that holds the marker (as UTF-8) or any 16-byte run of `image`. A 16-byte run always
 * covers one whole 8-byte chunk at a multiple of 8 in the stored file, so the scan looks up only those chunks
 * among the image's 8-byte windows and compares the 16 bytes around each hit: exact, and 8× fewer lookups.
 */
export function leaks(dir: string, marker: string, image: Uint8Array): string[] {
  const markerBytes = Buffer.from(marker, 'utf8');
  const view = Buffer.from(image);
  const key = (bytes: Buffer, at: number) =>
    bytes.readUInt32BE(at) * 4_294_967_296 + bytes.readUInt32BE(at + 4);
  const windows = new Map<number, number[]>();
  for (let i = 0; i + 8 <= view.length; i++) {
    const k = key(view, i);
    const list = windows.get(k);
    if (list) list.push(i);
    else windows.set(k, [i]);
  }
  const runAt = (stored: Buffer, at: number, offset: number) =>
    at >= 0 &&
    offset >= 0 &&
    at + 16 <= stored.length &&
    offset + 16 <= view.length &&
    stored.compare(view, offset, offset + 16, at, at + 16) === 0;
  const found: string[] = [];
  for (const path of filesUnder(dir)) {
    const stored = readFileSync(path);
    if (stored.includes(markerBytes)) {
      found.push(`${path}: marker`);
      continue;
    }
    scan: for (let at = 0; at + 8 <= stored.length; at += 8) {
      const hits = windows.get(key(stored, at));
      if (!hits) continue;
      for (const offset of hits) {
        for (let back = 0; back <= 8; back++) {
          if (runAt(stored, at - back, offset - back)) {
            found.push(`${path}: image bytes at ${at - back}`);
            break scan;
          }
        }
      }
    }
  }
  return found;
}
