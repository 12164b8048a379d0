import type { ProviderId } from '../providers';
import type { OperationName } from '../operations';

/**
 * What one unit costs. `image`: per result; `second`: per second of video; `block5s`: per started 5 s block.
 * Amounts are micro-dollars (integers), so sums in the ledger never drift.
 */
export interface Rate {
  provider: ProviderId;
  model: string;
  operation: OperationName;
  unit: 'image' | 'second' | 'block5s';
  usdMicros: number;
  /** Set for models whose price depends on the output resolution. */
  resolution?: string;
  /** Shortest billed duration, seconds. */
  minimumSeconds?: number;
  /** Why a row costs nothing: required when `usdMicros` is 0 (a test holds every row to it). */
  zeroReason?: string;
}

/** One credit is one US cent, Stability's own credit value, so their credit prices read across unchanged. */
export const MICROS_PER_CREDIT = 10_000;
const usd = (dollars: number) => Math.round(dollars * 1_000_000);

const image = (provider: ProviderId, model: string, operation: OperationName, dollars: number): Rate => ({
  provider,
  model,
  operation,
  unit: 'image',
  usdMicros: usd(dollars)
});
const stability = (model: string, operation: OperationName, credits: number) =>
  image('stability', model, operation, credits / 100);

/**
 * THE cost table: every estimate, pre-flight budget check and ledger entry reads these rows and nothing else.
 * Sources: Stability's credit prices, WaveSpeed's model pages, Google's and Alibaba's list prices; Hugging Face's
 * serverless inference is billed by the account, so we record it at zero.
 */
export const costTable: readonly Rate[] = [
  stability('ultra', 'generate', 8),
  stability('core', 'generate', 3),
  stability('sd3.5-large', 'generate', 6.5),
  stability('sd3.5-large-turbo', 'generate', 4),
  stability('sd3.5-medium', 'generate', 3.5),
  stability('erase', 'edit.erase', 5),
  stability('inpaint', 'edit.inpaint', 5),
  stability('outpaint', 'edit.outpaint', 4),
  stability('search-and-replace', 'edit.search-replace', 5),
  stability('search-and-recolor', 'edit.search-recolor', 5),
  stability('remove-background', 'edit.remove-background', 5),
  stability('replace-background-and-relight', 'edit.relight', 8),
  stability('fast', 'upscale.fast', 2),
  stability('conservative', 'upscale.conservative', 40),
  stability('creative', 'upscale.creative', 60),
  stability('sketch', 'control.sketch', 5),
  stability('structure', 'control.structure', 5),
  stability('style', 'control.style', 5),
  stability('style-transfer', 'control.style-transfer', 8),
  stability('stable-fast-3d', 'transform.image-to-3d', 10),
  image('wavespeed', 'ideogram-v3-turbo', 'generate', 0.05),
  image('wavespeed', 'qwen-image', 'generate', 0.03),
  image('wavespeed', 'flux-kontext-pro', 'generate', 0.04),
  image('wavespeed', 'qwen-edit', 'edit.general', 0.02),
  image('wavespeed', 'seedream-v4.5-edit', 'edit.general', 0.04),
  image('wavespeed', 'flux-kontext-pro-edit', 'edit.general', 0.04),
  ...(['480p', '720p', '1080p'] as const).map((resolution, index): Rate => ({
    provider: 'wavespeed',
    model: 'wan-2.5',
    operation: 'transform.image-to-video',
    unit: 'second',
    usdMicros: usd([0.05, 0.1, 0.15][index] ?? 0),
    resolution
  })),
  ...(['480p', '720p'] as const).map((resolution, index): Rate => ({
    provider: 'wavespeed',
    model: 'hunyuan-avatar',
    operation: 'transform.talking-avatar',
    unit: 'block5s',
    usdMicros: usd([0.15, 0.3][index] ?? 0),
    resolution,
    minimumSeconds: 5
  })),
  ...['black-forest-labs/FLUX.1-schnell', 'stabilityai/stable-diffusion-xl-base-1.0'].map((model): Rate => ({
    ...image('huggingface', model, 'generate', 0),
    zeroReason:
      'Hugging Face bills serverless inference against the account’s monthly credits, not per image; ' +
      'the calls still count against the rate limit, and a user with no budget left is refused'
  })),
  image('gemini', 'gemini-2.5-flash-image', 'generate', 0.039),
  image('qwen', 'qwen-image', 'generate', 0.035)
];

/**
 * Prompt enhancement (`POST /api/ai/enhance`): one Gemini 2.5 Flash text call of at most 400 output tokens
 * ($2.50 per million) with about 600 input tokens of prompt and instruction ($0.30 per million), rounded up.
 * Reserved and charged through the same ledger as an image.
 */
export const enhanceRate = { provider: 'gemini', model: 'gemini-2.5-flash', usdMicros: 1_200 } as const;
