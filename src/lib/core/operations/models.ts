import type { ProviderId } from '../providers';
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

export interface ModelSpec {
  provider: ProviderId;
  id: string;
  label: string;
  operations: readonly OperationName[];
  sizing: Sizing;
  guidance?: Range;
  steps?: Range;
  seed: boolean;
  negativePrompt: boolean;
  stylePresets: boolean;
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
export const stylePresets = [
  'enhance',
  'anime',
  'photographic',
  'digital-art',
  'comic-book',
  'fantasy-art',
  'line-art',
  'analog-film',
  'neon-punk',
  'isometric',
  'low-poly',
  'origami',
  'modeling-compound',
  'cinematic',
  '3d-model',
  'pixel-art',
  'tile-texture'
] as const;

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

const stabilityGenerate = (id: string, label: string, sd3: boolean): ModelSpec => ({
  provider: 'stability',
  id,
  label,
  operations: ['generate'],
  sizing: { kind: 'aspect', ratios: stabilityAspectRatios },
  ...(sd3 ? { guidance: { min: 1, max: 10, default: 4, step: 0.5 } } : {}),
  seed: true,
  negativePrompt: true,
  stylePresets: !sd3,
  maxPromptChars: 10_000,
  async: false
});

const stabilityTool = (
  id: string,
  label: string,
  operations: readonly OperationName[],
  input: ImageConstraints,
  async = false
): ModelSpec => ({
  provider: 'stability',
  id,
  label,
  operations,
  sizing: { kind: 'aspect', ratios: stabilityAspectRatios },
  seed: true,
  negativePrompt: true,
  stylePresets: true,
  maxPromptChars: 10_000,
  input,
  async
});

const wavespeedGenerate = (id: string, label: string, steps: number): ModelSpec => ({
  provider: 'wavespeed',
  id,
  label,
  operations: ['generate'],
  sizing: { kind: 'pixels', minSide: 256, maxSide: 1024, multiple: 8 },
  guidance: { min: 0, max: 12, default: 5, step: 0.5 },
  steps: { min: 5, max: 60, default: steps, step: 1 },
  seed: true,
  negativePrompt: true,
  stylePresets: false,
  maxPromptChars: 4_000,
  async: true
});

const wavespeedEdit = (id: string, label: string, maxSide: number, seed: boolean): ModelSpec => ({
  provider: 'wavespeed',
  id,
  label,
  operations: ['edit.general'],
  sizing: { kind: 'pixels', minSide: 256, maxSide, multiple: 8 },
  guidance: { min: 1, max: 20, default: 3.5, step: 0.5 },
  seed,
  negativePrompt: false,
  stylePresets: false,
  maxPromptChars: 4_000,
  input: { ...wavespeedEditInput, maxSide, maxPixels: maxSide * maxSide },
  async: true
});

/** Every model the proxy can call, with the ranges the UI shows and pre-flight enforces. */
export const modelCatalogue: readonly ModelSpec[] = [
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
  wavespeedGenerate('flux-kontext-pro', 'FLUX Kontext Pro', 20),
  wavespeedEdit('qwen-edit', 'Qwen Edit', 1536, true),
  wavespeedEdit('seedream-v4.5-edit', 'Seedream 4.5 Edit', 4096, false),
  wavespeedEdit('flux-kontext-pro-edit', 'FLUX Kontext Pro Edit', 2048, true),
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
    seed: true,
    negativePrompt: true,
    stylePresets: false,
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
    seed: true,
    negativePrompt: false,
    stylePresets: false,
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
    seed: true,
    negativePrompt: false,
    stylePresets: false,
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
    seed: true,
    negativePrompt: true,
    stylePresets: false,
    maxPromptChars: 2_000,
    async: false
  },
  {
    provider: 'gemini',
    id: 'gemini-2.5-flash-image',
    label: 'Gemini 2.5 Flash Image',
    operations: ['generate'],
    sizing: { kind: 'aspect', ratios: geminiAspectRatios },
    seed: false,
    negativePrompt: false,
    stylePresets: false,
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
    seed: true,
    negativePrompt: true,
    stylePresets: false,
    maxPromptChars: 800,
    async: true
  }
];

export function findModel(provider: ProviderId, model: string): ModelSpec | undefined {
  return modelCatalogue.find((spec) => spec.provider === provider && spec.id === model);
}

export const modelsFor = (provider: ProviderId, operation?: OperationName): ModelSpec[] =>
  modelCatalogue.filter(
    (spec) => spec.provider === provider && (!operation || spec.operations.includes(operation))
  );
