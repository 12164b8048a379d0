import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../app';
import type { Sql } from '../ledger/sql';
import type { BlobStore } from './blob-store';
import type { ShareDeps } from './routes';

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
 * Every file under `dir` that holds the marker (as UTF-8) or any 16-byte run of `image`. Runs are found by their
 * first four bytes through a map, then compared whole, so tens of megabytes scan in a second or two.
 */
export function leaks(dir: string, marker: string, image: Uint8Array): string[] {
  const markerBytes = Buffer.from(marker, 'utf8');
  const starts = new Map<number, number[]>();
  const view = Buffer.from(image);
  for (let i = 0; i + 16 <= view.length; i++) {
    const head = view.readUInt32BE(i);
    const list = starts.get(head);
    if (list) list.push(i);
    else starts.set(head, [i]);
  }
  const found: string[] = [];
  for (const path of filesUnder(dir)) {
    const stored = readFileSync(path);
    if (stored.includes(markerBytes)) {
      found.push(`${path}: marker`);
      continue;
    }
    scan: for (let at = 0; at + 16 <= stored.length; at++) {
      const candidates = starts.get(stored.readUInt32BE(at));
      if (!candidates) continue;
      for (const offset of candidates) {
        if (stored.compare(view, offset, offset + 16, at, at + 16) === 0) {
          found.push(`${path}: image bytes at ${at}`);
          break scan;
        }
      }
    }
  }
  return found;
}
