import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import {
  E2E_STABILITY_KEY,
  E2E_USERS,
  E2E_WAVESPEED_KEY,
  fakeStabilityPort,
  fakeWaveSpeedPort,
  smtpSinkPorts
} from './tests/e2e/ai';
import { chromiumArgs, chromiumExecutable } from './tests/support/chromium';

const port = Number(process.env.E2E_PORT ?? 4317);
const fakePort = fakeStabilityPort(port);
const fakeWavePort = fakeWaveSpeedPort(port);
const sink = smtpSinkPorts(port);

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
      // The fake WaveSpeed upstream (image → video, avatars): jobs stay running for a few polls, so a reload lands mid-job.
      command: `npx tsx scripts/fake-upstream.ts wavespeed ${fakeWavePort}`,
      env: { FAKE_KEY: E2E_WAVESPEED_KEY, FAKE_PENDING_POLLS: '6' },
      url: `http://127.0.0.1:${fakeWavePort}/files/1.png`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000
    },
    {
      // The mail server the proxy sends the batch e-mail through, keeping what it receives for the journey.
      command: `npx tsx scripts/smtp-sink.ts ${sink.smtp} ${sink.http}`,
      url: `http://127.0.0.1:${sink.http}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000
    },
    {
      // The built server, as `npm start` runs it (`npm run e2e` builds it first).
      command: 'node dist/server/main.js',
      env: {
        PORT: String(port),
        STATIC_ROOT: 'build',
        STABILITY_API_KEY: E2E_STABILITY_KEY,
        STABILITY_BASE_URL: `http://127.0.0.1:${fakePort}`,
        WAVESPEED_API_KEY: E2E_WAVESPEED_KEY,
        WAVESPEED_BASE_URL: `http://127.0.0.1:${fakeWavePort}`,
        // The fakes serve result files over plain HTTP on loopback: trusted as an operator trusts a gateway.
        AI_RESULT_ORIGINS: `http://127.0.0.1:${fakePort},http://127.0.0.1:${fakeWavePort}`,
        // Answer 202 after a second so the page holds a job id it must keep polling (and resume after a reload).
        AI_WAIT_MS: '1000',
        AI_USERS: E2E_USERS,
        SMTP_URL: `smtp://127.0.0.1:${sink.smtp}`,
        SMTP_TIMEOUT_MS: '5000',
        // The batch journeys send dozens of runs a minute from one user.
        AI_RATE_LIMIT_PER_MINUTE: '300',
        // A fresh ledger per run, so spend checks start from zero.
        DATA_DIR: mkdtempSync(join(tmpdir(), 'image-studio-e2e-'))
      },
      url: `http://localhost:${port}/api/health`,
      reuseExistingServer: !process.env.CI,
      // A fresh DATA_DIR makes PGlite create its database first, which takes over a minute on a loaded runner.
      timeout: 180_000,
      stdout: 'pipe'
    }
  ]
});
