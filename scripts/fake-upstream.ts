import type { FakeServer } from '../proxy/testing/fakes/server';
import { startFakeGemini } from '../proxy/testing/fakes/gemini';
import { startFakeHuggingFace } from '../proxy/testing/fakes/huggingface';
import { startFakeQwen } from '../proxy/testing/fakes/qwen';
import { startFakeStability } from '../proxy/testing/fakes/stability';
import { startFakeWaveSpeed } from '../proxy/testing/fakes/wavespeed';

/**
 * Runs one provider's fake upstream on loopback, for end-to-end tests and trying the studio without a real key:
 * `FAKE_KEY=<key> npx tsx scripts/fake-upstream.ts stability 5406`.
 */
const starters: Record<string, (key: string, port?: number) => Promise<FakeServer>> = {
  stability: startFakeStability,
  wavespeed: startFakeWaveSpeed,
  huggingface: startFakeHuggingFace,
  gemini: startFakeGemini,
  qwen: startFakeQwen
};

const [provider = '', port = '0'] = process.argv.slice(2);
const start = starters[provider];
const key = process.env.FAKE_KEY;
if (!start || !key) {
  console.error(
    `Usage: FAKE_KEY=<key> npx tsx scripts/fake-upstream.ts <${Object.keys(starters).join('|')}> [port]`
  );
  process.exit(2);
}
const server = await start(key, Number(port));
// End-to-end tests that reload mid-job need the job to stay running for a while.
if (process.env.FAKE_PENDING_POLLS) server.pendingPolls = Number(process.env.FAKE_PENDING_POLLS);
console.log(`fake ${provider} upstream at ${server.url}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
