import { GenerateOperationSchema } from '$core/operations/generate';
import { presetById } from '$core/platforms';
import type { AiClient } from '$lib/ai/client';
import type { JobRow } from '$lib/db/database';
import type { Library } from '$lib/library/library';
import type { OptimizePool } from '$lib/workers/optimize-worker';
import type { StepExecutors } from './runner';

const mimeOf = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' } as const;

export interface StepDeps {
  library: Library;
  /** The batch's name, tagged on every result. */
  batchName: (batchId: string) => Promise<string | undefined>;
  /**
   * The proxy client, asked for at each AI job so a token saved in Settings meanwhile applies to the next
   * one. None without a token: AI jobs then fail with a clear error, local ones still run.
   */
  client: () => Promise<AiClient | undefined>;
  optimizer: () => OptimizePool;
}

/** Where a result came from, kept in the version's params so the library can show and filter by it. */
const origin = (job: JobRow) => ({ batchId: job.batchId, row: job.row, campaign: job.campaign });

/** The browser's steps: generate through the proxy, optimize in the worker pool, tag in the library. */
export function browserSteps({ library, batchName, client, optimizer }: StepDeps): StepExecutors {
  return {
    async generate(job, _input, signal) {
      const ai = await client();
      if (!ai)
        throw Object.assign(new Error('Connect to the AI proxy in Settings to run AI jobs.'), {
          code: 'no_token'
        });
      const op = GenerateOperationSchema.parse(job.operation);
      const result = await ai.run(op, job.idempotencyKey, { signal });
      const assetIds: string[] = [];
      for (const output of result.outputs) {
        const blob = await ai.output(output.url, signal);
        const saved = await library.save(blob, {
          name: `${op.prompt.slice(0, 60)} · row ${job.row} #${output.position + 1}`,
          source: 'batch',
          prompt: op.prompt.slice(0, 4000),
          provider: result.provider,
          model: result.model,
          cost: output.costMicros / 1_000_000,
          operation: 'generate',
          params: { ...op, seed: output.seed, jobId: result.id, ...origin(job) }
        });
        assetIds.push(saved.asset.id);
      }
      return { assetIds, costMicros: result.chargedMicros };
    },

    async optimize(job, input, signal) {
      const requests = job.presets.map((id) => {
        const preset = presetById(id);
        if (!preset) throw Object.assign(new Error(`Unknown preset "${id}".`), { code: 'invalid_options' });
        return { preset };
      });
      const assetIds: string[] = [];
      for (const sourceId of input) {
        const source = await library.get(sourceId);
        const bytes = new Uint8Array(await (await library.currentBlob(sourceId)).arrayBuffer());
        const outputs = await optimizer().optimize(
          bytes,
          requests,
          { name: source?.name ?? sourceId },
          signal
        );
        for (const { result, bytes: out } of outputs) {
          const saved = await library.save(new Blob([out as BlobPart], { type: mimeOf[result.format] }), {
            name: `${source?.name ?? 'image'} · ${result.preset}`,
            source: 'batch',
            prompt: source?.prompt,
            platform: presetById(result.preset)?.platform,
            operation: 'optimize',
            params: { preset: result.preset, sourceAssetId: sourceId, crop: result.crop, ...origin(job) },
            width: result.width,
            height: result.height
          });
          assetIds.push(saved.asset.id);
        }
      }
      return { assetIds };
    },

    async tag(job, input) {
      const all = job.resultAssetIds.length ? job.resultAssetIds : input;
      for (const tag of [await batchName(job.batchId), `row ${job.row}`, job.persona])
        if (tag) await library.organise.addTag(all, tag);
      if (job.campaign)
        await library.organise.moveToCampaign(all, (await library.organise.campaignNamed(job.campaign)).id);
      return { assetIds: input };
    }
  };
}
