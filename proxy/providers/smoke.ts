import { estimateCost } from '../../src/lib/core/cost/estimate';
import { GenerateOperationSchema, type AiOperation } from '../../src/lib/core/operations';
import { modelsFor, type ModelSpec } from '../../src/lib/core/operations/models';
import { preflight } from '../../src/lib/core/operations/preflight';
import { planOutputSize } from '../../src/lib/core/operations/sizing';
import { providerIds, type ProviderId } from '../../src/lib/core/providers';
import { providerEndpoints } from './catalogue';
import { runToResult } from './execute';
import type { ProviderAdapter } from './types';

/** One smoke line: what was asked, how it went, what it cost, whether the answer kept the contract. */
export interface SmokeLine {
  provider: ProviderId;
  model: string;
  status: 'ok' | 'failed' | 'missing-key';
  latencyMs?: number;
  costUsd?: number;
  check: string;
}

const SMOKE_PROMPT = 'a small red apple on a white table, studio light';

/** The provider's cheapest text-to-image model by the cost table: the least an operator spends to know a key works. */
export function cheapestGenerate(provider: ProviderId): { spec: ModelSpec; op: AiOperation } | undefined {
  const candidates = modelsFor(provider, 'generate').map((spec) => {
    const op = GenerateOperationSchema.parse({
      operation: 'generate',
      provider,
      model: spec.id,
      prompt: SMOKE_PROMPT,
      width: 1024,
      height: 1024
    });
    return { spec, op, micros: estimateCost(op)?.totalMicros ?? Number.POSITIVE_INFINITY };
  });
  candidates.sort((a, b) => a.micros - b.micros);
  return candidates[0];
}

const magic: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]]
];

/** The answer against the contract: an image whose bytes are what its content type says, in a format the model offers. */
export function checkAnswer(spec: ModelSpec, contentType: string, bytes: Uint8Array): string {
  const known = magic.find(([type]) => type === contentType);
  if (!known) return `unexpected content-type ${contentType || '(none)'}`;
  if (!known[1].every((byte, index) => bytes[index] === byte)) return `bytes are not ${contentType}`;
  const format = contentType.slice('image/'.length);
  if (spec.outputFormats.length && !spec.outputFormats.includes(format as never))
    return `${format} is not among the documented formats (${spec.outputFormats.join(', ')})`;
  return `contract ok (${contentType}, ${bytes.length} bytes)`;
}

/** The whole answer (a smoke image is small; the job runner's size cap is not needed here). */
async function collect(body: AsyncIterable<Uint8Array> | Uint8Array): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

/** Sends one cheapest request per configured provider, one after another; a provider without a key is reported, not called. */
export async function runSmoke(
  adapters: ReadonlyMap<ProviderId, ProviderAdapter>,
  timeoutMs = 180_000
): Promise<SmokeLine[]> {
  const lines: SmokeLine[] = [];
  for (const provider of providerIds) {
    const adapter = adapters.get(provider);
    const plan = cheapestGenerate(provider);
    if (!plan) continue;
    const { spec, op } = plan;
    if (!adapter) {
      lines.push({
        provider,
        model: spec.id,
        status: 'missing-key',
        check: `set ${providerEndpoints[provider].keyVariable} to include it`
      });
      continue;
    }
    const refused = preflight(op, spec);
    const size = op.operation === 'generate' ? planOutputSize(spec.sizing, op.width, op.height) : undefined;
    if (refused.length || typeof size === 'string') {
      lines.push({
        provider,
        model: spec.id,
        status: 'failed',
        check: `pre-flight: ${refused[0]?.message ?? size}`
      });
      continue;
    }
    const started = performance.now();
    try {
      const result = await runToResult(
        adapter,
        { op, size, seed: spec.seed ? spec.seed.min + 42 : undefined, files: new Map() },
        AbortSignal.timeout(timeoutMs),
        timeoutMs
      );
      const check = checkAnswer(spec, result.contentType, await collect(result.body));
      lines.push({
        provider,
        model: spec.id,
        status: check.startsWith('contract ok') ? 'ok' : 'failed',
        latencyMs: Math.round(performance.now() - started),
        costUsd: estimateCost(op)?.totalUsd,
        check
      });
    } catch (error) {
      lines.push({
        provider,
        model: spec.id,
        status: 'failed',
        latencyMs: Math.round(performance.now() - started),
        check: (error as Error).message
      });
    }
  }
  return lines;
}

/** One line per provider, tab-separated: provider, model, status, latency, cost, check. */
export function formatSmoke(lines: readonly SmokeLine[]): string {
  const rows = lines.map((line) =>
    [
      line.provider,
      line.model,
      line.status,
      line.latencyMs === undefined ? '-' : `${line.latencyMs} ms`,
      line.costUsd === undefined ? '-' : `$${line.costUsd.toFixed(4)}`,
      line.check
    ].join('\t')
  );
  return ['provider\tmodel\tstatus\tlatency\tcost\tcheck', ...rows].join('\n');
}
