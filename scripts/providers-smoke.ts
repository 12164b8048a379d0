import { readConfig } from '../proxy/config';
import { buildAdapters } from '../proxy/ai/setup';
import { formatSmoke, runSmoke } from '../proxy/providers/smoke';

/**
 * `npm run providers:smoke`: one cheapest real request per provider whose key is set, with the operator's keys.
 * It spends money, so it never runs in CI; without keys it says which are missing and exits 0.
 */
if (process.env.CI) {
  console.log('providers:smoke sends paid requests with real keys; it does not run in CI.');
  process.exit(0);
}
const config = readConfig(process.env, 'smoke');
const lines = await runSmoke(buildAdapters(config));
console.log(formatSmoke(lines));
const missing = lines.filter((line) => line.status === 'missing-key');
if (missing.length === lines.length)
  console.log(`No provider keys set (${missing.length} missing); nothing was sent.`);
process.exitCode = lines.some((line) => line.status === 'failed') ? 1 : 0;
