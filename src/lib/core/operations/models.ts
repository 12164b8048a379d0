import type { ProviderId } from '../providers';
import { wireContract, type WireContract } from './contracts';
import type { OperationName } from './index';

export interface Range {
  min: number;
  max: number;
  default: number;
  step: number;
}

/** How a model turns the requested width × height into what it can produce. */
export type Sizing =
  | { kind: 'aspect'; ratios: readonly string[] }
  | { kind: 'pixels'; minSide: number; maxSide: number; multiple: number }
  | { kind: 'sizes'; sizes: readonly (readonly [number, number])[] };

/** What a provider accepts as an input image; the reference declared these and never applied them. */
export interface ImageConstraints {
  minPixels: number;
  maxPixels: number;
  minSide: number;
  maxSide: number;
  minAspect: number;
  maxAspect: number;
  maxBytes: number;
  formats: readonly string[];
}

export type OutputFormat = 'png' | 'jpeg' | 'webp';

export interface ModelSpec {
  provider: ProviderId;
  id: string;
  label: string;
  operations: readonly OperationName[];
  sizing: Sizing;
  guidance?: Range;
  steps?: Range;
  /** The seeds the model takes (from its contract); absent when it takes none. */
  seed?: { min: number; max: number };
  negativePrompt: boolean;
  stylePresets: boolean;
  /** Output formats the model can answer in; empty when it has no choice (it answers its own format). */
  outputFormats: readonly OutputFormat[];
  /** Takes a painted mask (a model without one edits the whole image from the prompt). */
  mask: boolean;
  /** Reference images it takes beside the main one (0 for single-image models). */
  references: number;
  /** Longest prompt the model takes (characters). */
  maxPromptChars: number;
  input?: ImageConstraints;
  /** Upstream answers with a job to poll rather than the result. */
  async: boolean;
}

export const stabilityAspectRatios = [
  '21:9',
  '16:9',
  '3:2',
  '5:4',
  '1:1',
  '4:5',
  '2:3',
  '9:16',
  '9:21'
] as const;
export const geminiAspectRatios = [
  '21:9',
  '16:9',
  '4:3',
  '3:2',
  '5:4',
  '1:1',
  '4:5',
  '2:3',
  '3:4',
  '9:16'
] as const;
export { stabilityStylePresets as stylePresets } from './contracts';

const MB = 1024 * 1024;
const stabilityImage = (
  minPixels: number,
  maxPixels: number,
  minSide = 64,
  maxSide = 16_384
): ImageConstraints => ({
  minPixels,
  maxPixels,
  minSide,
  maxSide,
  minAspect: 0.4,
  maxAspect: 2.5,
  maxBytes: 10 * MB,
  formats: ['png', 'jpeg', 'webp']
});
const stabilityEditInput = stabilityImage(4_096, 9_437_184);
const wavespeedEditInput: ImageConstraints = {
  minPixels: 256 * 256,
  maxPixels: 4096 * 4096,
  minSide: 256,
  maxSide: 4096,
  minAspect: 1 / 3,
  maxAspect: 3,
  maxBytes: 10 * MB,
  formats: ['png', 'jpeg', 'webp']
};

/** What a catalogue entry states itself; the rest is read from the model's contract. */
type Derived = 'seed' | 'negativePrompt' | 'stylePresets' | 'outputFormats' | 'mask' | 'references';
type Stated = Omit<ModelSpec, Derived>;

const stabilityGenerate = (id: string, label: string, sd3: boolean): Stated => ({
  provider: 'stability',
  id,
  label,
  operations: ['generate'],
  sizing: { kind: 'aspect', ratios: stabilityAspectRatios },
  ...(sd3 ? { guidance: { min: 1, max: 10, default: 4, step: 0.5 } } : {}),
  maxPromptChars: 10_000,
  async: false
});

const stabilityTool = (
  id: string,
  label: string,
  operations: readonly OperationName[],
  input: ImageConstraints,
  async = false
): Stated => ({
  provider: 'stability',
  id,
  label,
  operations,
  sizing: { kind: 'aspect', ratios: stabilityAspectRatios },
  maxPromptChars: 10_000,
  input,
  async
});

const wavespeedGenerate = (id: string, label: string, steps: number): Stated => ({
  provider: 'wavespeed',
  id,
  label,
  operations: ['generate'],
  sizing: { kind: 'pixels', minSide: 256, maxSide: 1024, multiple: 8 },
  guidance: { min: 0, max: 12, default: 5, step: 0.5 },
  steps: { min: 5, max: 60, default: steps, step: 1 },
  maxPromptChars: 4_000,
  async: true
});

const wavespeedEdit = (id: string, label: string, maxSide: number, guidance?: Range): Stated => ({
  provider: 'wavespeed',
  id,
  label,
  operations: ['edit.general'],
  sizing: { kind: 'pixels', minSide: 256, maxSide, multiple: 8 },
  ...(guidance ? { guidance } : {}),
  maxPromptChars: 4_000,
  input: { ...wavespeedEditInput, maxSide, maxPixels: maxSide * maxSide },
  async: true
});

const kontextRatios = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'] as const;
const kontextGuidance: Range = { min: 1, max: 10, default: 3.5, step: 0.5 };

/** The catalogue as stated here, before its contract fills in what the model documents. */
const stated: readonly Stated[] = [
  stabilityGenerate('ultra', 'Stable Image Ultra', false),
  stabilityGenerate('core', 'Stable Image Core', false),
  stabilityGenerate('sd3.5-large', 'SD 3.5 Large', true),
  stabilityGenerate('sd3.5-large-turbo', 'SD 3.5 Large Turbo', true),
  stabilityGenerate('sd3.5-medium', 'SD 3.5 Medium', true),
  stabilityTool('erase', 'Erase', ['edit.erase'], stabilityEditInput),
  stabilityTool('inpaint', 'Inpaint', ['edit.inpaint'], stabilityEditInput),
  stabilityTool('outpaint', 'Outpaint', ['edit.outpaint'], stabilityEditInput),
  stabilityTool('search-and-replace', 'Search and replace', ['edit.search-replace'], stabilityEditInput),
  stabilityTool('search-and-recolor', 'Search and recolour', ['edit.search-recolor'], stabilityEditInput),
  stabilityTool('remove-background', 'Remove background', ['edit.remove-background'], stabilityEditInput),
  stabilityTool('replace-background-and-relight', 'Relight', ['edit.relight'], stabilityEditInput, true),
  stabilityTool('fast', 'Fast 4×', ['upscale.fast'], stabilityImage(1_024, 1_048_576, 32, 1_536)),
  stabilityTool(
    'conservative',
    'Conservative 4K',
    ['upscale.conservative'],
    stabilityImage(4_096, 9_437_184)
  ),
  stabilityTool('creative', 'Creative 4K', ['upscale.creative'], stabilityImage(4_096, 1_048_576), true),
  stabilityTool('sketch', 'Sketch', ['control.sketch'], stabilityEditInput),
  stabilityTool('structure', 'Structure', ['control.structure'], stabilityEditInput),
  stabilityTool('style', 'Style', ['control.style'], stabilityEditInput),
  stabilityTool('style-transfer', 'Style transfer', ['control.style-transfer'], stabilityEditInput),
  stabilityTool('stable-fast-3d', 'Stable Fast 3D', ['transform.image-to-3d'], stabilityEditInput),
  wavespeedGenerate('ideogram-v3-turbo', 'Ideogram V3 Turbo', 20),
  wavespeedGenerate('qwen-image', 'Qwen Image', 15),
  {
    provider: 'wavespeed',
    id: 'flux-kontext-pro',
    label: 'FLUX Kontext Pro',
    operations: ['generate'],
    // Kontext takes an aspect ratio, not pixels, and no steps.
    sizing: { kind: 'aspect', ratios: kontextRatios },
    guidance: kontextGuidance,
    maxPromptChars: 4_000,
    async: true
  },
  wavespeedEdit('qwen-edit', 'Qwen Edit', 1536),
  wavespeedEdit('seedream-v4.5-edit', 'Seedream 4.5 Edit', 4096),
  wavespeedEdit('flux-kontext-pro-edit', 'FLUX Kontext Pro Edit', 2048, kontextGuidance),
  {
    provider: 'wavespeed',
    id: 'wan-2.5',
    label: 'WAN 2.5 image → video',
    operations: ['transform.image-to-video'],
    sizing: {
      kind: 'sizes',
      sizes: [
        [854, 480],
        [1280, 720],
        [1920, 1080]
      ]
    },
    maxPromptChars: 2_000,
    input: wavespeedEditInput,
    async: true
  },
  {
    provider: 'wavespeed',
    id: 'hunyuan-avatar',
    label: 'Hunyuan talking avatar',
    operations: ['transform.talking-avatar'],
    sizing: {
      kind: 'sizes',
      sizes: [
        [854, 480],
        [1280, 720]
      ]
    },
    maxPromptChars: 2_000,
    input: wavespeedEditInput,
    async: true
  },
  {
    provider: 'huggingface',
    id: 'black-forest-labs/FLUX.1-schnell',
    label: 'FLUX.1 schnell',
    operations: ['generate'],
    sizing: { kind: 'pixels', minSide: 256, maxSide: 1440, multiple: 16 },
    guidance: { min: 0, max: 10, default: 0, step: 0.5 },
    steps: { min: 1, max: 8, default: 4, step: 1 },
    maxPromptChars: 2_000,
    async: false
  },
  {
    provider: 'huggingface',
    id: 'stabilityai/stable-diffusion-xl-base-1.0',
    label: 'SDXL base 1.0',
    operations: ['generate'],
    sizing: { kind: 'pixels', minSide: 512, maxSide: 1024, multiple: 8 },
    guidance: { min: 1, max: 20, default: 6, step: 0.5 },
    steps: { min: 5, max: 80, default: 30, step: 1 },
    maxPromptChars: 2_000,
    async: false
  },
  {
    provider: 'gemini',
    id: 'gemini-2.5-flash-image',
    label: 'Gemini 2.5 Flash Image',
    operations: ['generate'],
    sizing: { kind: 'aspect', ratios: geminiAspectRatios },
    maxPromptChars: 8_000,
    async: false
  },
  {
    provider: 'qwen',
    id: 'qwen-image',
    label: 'Qwen Image (DashScope)',
    operations: ['generate'],
    sizing: {
      kind: 'sizes',
      sizes: [
        [1664, 928],
        [1472, 1140],
        [1328, 1328],
        [1140, 1472],
        [928, 1664]
      ]
    },
    maxPromptChars: 800,
    async: true
  }
];

const formatNames: Record<string, OutputFormat> = { png: 'png', jpeg: 'jpeg', jpg: 'jpeg', webp: 'webp' };

/** The settings a model's contract documents, in the catalogue's terms. */
function fromContract(contract: WireContract): Pick<ModelSpec, Derived> {
  const field = (name: string) =>
    Object.entries(contract.fields).find(([key]) => key === name || key.endsWith(`.${name}`))?.[1];
  const seed = field('seed');
  const formats = field('output_format')?.enum ?? [];
  return {
    // Below 0 means "random" upstream; we always choose the seed, so we can record it.
    ...(seed ? { seed: { min: Math.max(0, seed.min ?? 0), max: seed.max ?? 2_147_483_647 } } : {}),
    negativePrompt: Boolean(field('negative_prompt')),
    stylePresets: Boolean(field('style_preset')),
    outputFormats: [
      ...new Set(formats.map((name) => formatNames[String(name)]).filter((name) => name !== undefined))
    ],
    mask: Boolean(field('mask') ?? field('mask_image')),
    references: Math.max(0, (contract.fields.images?.maxItems ?? 1) - 1)
  };
}

/** Every model the proxy can call, with the ranges the UI shows and pre-flight enforces (its contract's). */
export const modelCatalogue: readonly ModelSpec[] = stated.map((spec) => {
  const contract = wireContract(spec.provider, spec.id);
  // One contract per model: a model without one would be called on a guess.
  if (!contract) throw new Error(`No contract for ${spec.provider}:${spec.id}`);
  return { ...spec, ...fromContract(contract) };
});

export function findModel(provider: ProviderId, model: string): ModelSpec | undefined {
  return modelCatalogue.find((spec) => spec.provider === provider && spec.id === model);
}

export const modelsFor = (provider: ProviderId, operation?: OperationName): ModelSpec[] =>
  modelCatalogue.filter(
    (spec) => spec.provider === provider && (!operation || spec.operations.includes(operation))
  );
