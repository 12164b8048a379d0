import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_STABILITY_KEY } from './ai';

const providerKeyVariables = [
  'STABILITY_API_KEY',
  'WAVESPEED_API_KEY',
  'HF_TOKEN',
  'GEMINI_API_KEY',
  'DASHSCOPE_API_KEY'
];

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

test('no provider key is in the built client', () => {
  // The e2e server's key, plus whatever keys the build ran with (CI exports fake ones before building).
  const keys = [
    E2E_STABILITY_KEY,
    ...providerKeyVariables.map((name) => process.env[name]).filter((key): key is string => Boolean(key))
  ];
  let scanned = 0;
  for (const path of files('build')) {
    const text = readFileSync(path).toString('latin1');
    scanned++;
    for (const key of keys) expect(text.includes(key), `${key.slice(0, 6)}… in ${path}`).toBe(false);
  }
  expect(scanned).toBeGreaterThan(20);
});
