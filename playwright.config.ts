import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E_STABILITY_KEY, E2E_USERS, fakeStabilityPort } from './tests/e2e/ai';
import { chromiumArgs, chromiumExecutable } from './tests/e2e/browser';

const port = Number(process.env.E2E_PORT ?? 4317);
const fakePort = fakeStabilityPort(port);

/** End-to-end journeys against the built app served by the real Hono server (service worker included). */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
    trace: 'retain-on-failure'
  },
  webServer: [
    {
      // The fake Stability upstream the AI journeys generate against (a real HTTP server on loopback).
      command: `npx tsx scripts/fake-upstream.ts stability ${fakePort}`,
      env: { FAKE_KEY: E2E_STABILITY_KEY },
      url: `http://127.0.0.1:${fakePort}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000
    },
    {
      command: 'npx tsx proxy/main.ts',
      env: {
        PORT: String(port),
        STATIC_ROOT: 'build',
        STABILITY_API_KEY: E2E_STABILITY_KEY,
        STABILITY_BASE_URL: `http://127.0.0.1:${fakePort}`,
        AI_USERS: E2E_USERS,
        // The batch journeys send dozens of runs a minute from one user.
        AI_RATE_LIMIT_PER_MINUTE: '300',
        // A fresh ledger per run, so spend checks start from zero.
        DATA_DIR: mkdtempSync(join(tmpdir(), 'image-studio-e2e-'))
      },
      url: `http://localhost:${port}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'pipe'
    }
  ]
});
