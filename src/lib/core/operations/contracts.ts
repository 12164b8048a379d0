import type { ProviderId } from '../providers';

/**
 * What each provider documents for each model we call, read from the provider's own reference or SDK: the request
 * (path, method, encoding, every field with its type, enum and range), the answer and how it is polled. The model
 * catalogue derives what it offers from these (seed range, output formats, mask), the fake upstreams refuse what
 * they refuse, and `docs/providers.md` lists them. `sources` says where each was read and how sure we are.
 */

export type WireType = 'string' | 'number' | 'integer' | 'boolean' | 'file' | 'data-uri' | 'array' | 'object';

export interface FieldRule {
  type: WireType;
  required?: boolean;
  enum?: readonly (string | number)[];
  min?: number;
  max?: number;
  /** Element type of an array field. */
  items?: WireType;
  maxItems?: number;
  /** Why this field matters or what the provider says about it. */
  note?: string;
}

export interface ContractSource {
  url: string;
  /** The day the page or SDK file was read (ISO date). */
  checked: string;
  /**
   * `provider`: the provider's own reference, model page or official SDK; `secondary`: a published client or
   * gateway schema that calls the provider; `unverified`: not found in any source we could read — kept from the
   * earlier reading and flagged, never presented as documented.
   */
  standing: 'provider' | 'secondary' | 'unverified';
  note?: string;
}

export interface WireContract {
  provider: ProviderId;
  /** Our model id (the catalogue's). */
  model: string;
  method: 'POST';
  /** Path below the provider's base URL. */
  path: string;
  encoding: 'multipart' | 'json';
  /** Field rules; nested JSON fields are dotted (`parameters.seed`). */
  fields: Record<string, FieldRule>;
  /** Headers the provider requires besides authentication. */
  headers?: Record<string, string>;
  response: string;
  polling?: string;
  sources: readonly ContractSource[];
}

export const CHECKED_ON = '2026-12-05';

const src = (url: string, standing: ContractSource['standing'], note?: string): ContractSource => ({
  url,
  checked: CHECKED_ON,
  standing,
  ...(note ? { note } : {})
});

// ── Stability AI v2beta ──────────────────────────────────────────────────────────────────────────────────────
const STABILITY_REFERENCE = 'https://platform.stability.ai/docs/api-reference';
const stabilityReference = src(
  STABILITY_REFERENCE,
  'unverified',
  'The reference itself cannot be reached from this machine; fields below are cross-checked against the sources listed beside it.'
);
const stabilitySeed: FieldRule = {
  type: 'integer',
  min: 0,
  max: 4_294_967_294,
  note: '0 asks for a random seed'
};
const formats3 = ['png', 'jpeg', 'webp'] as const;
const stabilityFormat: FieldRule = { type: 'string', enum: formats3 };
const stabilityRatios = ['21:9', '16:9', '3:2', '5:4', '1:1', '4:5', '2:3', '9:16', '9:21'] as const;
export const stabilityStylePresets = [
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
const stylePreset: FieldRule = { type: 'string', enum: stabilityStylePresets };
const text: FieldRule = { type: 'string', max: 10_000 };
const requiredText: FieldRule = { type: 'string', required: true, max: 10_000 };
const unit: FieldRule = { type: 'number', min: 0, max: 1 };
const imageFile: FieldRule = { type: 'file', required: true };
const stabilityImageAnswer =
  '200 image/* bytes with `seed` and `finish-reason` (SUCCESS | CONTENT_FILTERED) headers; errors {id, name, errors[]}: 400 invalid parameters, 402 insufficient credit (payment_required), 403 content moderation, 413 too large, 422 refused input, 429 rate limit, 500';
const stabilityJobAnswer =
  '200 {id}; GET /v2beta/results/{id} answers 202 {id, status:"in-progress"} until 200 image/* with `seed` and `finish-reason` headers; 404 once the result has expired (results are kept 24 h)';
const stabilityMcp = src(
  'https://glama.ai/mcp/servers/arwjcxkkhg/blob/main/src/stabilityAi/sd35Client.ts',
  'secondary',
  'seed 0–4294967294, output_format jpeg|png, cfg_scale 1–10, models sd3.5-large|sd3.5-large-turbo|sd3.5-medium'
);
const stabilityNodeSdk = src(
  'https://app.unpkg.com/stability-ai@0.7.0/files/dist/v2beta/stable-image/upscale.d.ts',
  'secondary',
  'Node SDK types: conservative(image, prompt, options) and startCreative(image, prompt, options) — prompt is required'
);
const stabilityRelight = src(
  'https://app.unpkg.com/mcp-server-stability-ai@0.2.0/files/build/tools/replaceBackgroundAndRelight.js',
  'secondary',
  'light_source_direction above|below|left|right; preserve_original_subject, original_background_depth, light_source_strength 0–1'
);

const stabilityGenerate = (model: string, path: string): WireContract => ({
  provider: 'stability',
  model,
  method: 'POST',
  path,
  encoding: 'multipart',
  fields: {
    prompt: requiredText,
    negative_prompt: text,
    aspect_ratio: { type: 'string', enum: stabilityRatios },
    seed: stabilitySeed,
    output_format: stabilityFormat,
    style_preset: stylePreset
  },
  response: stabilityImageAnswer,
  sources: [stabilityReference]
});

const sd3 = (model: string): WireContract => ({
  provider: 'stability',
  model,
  method: 'POST',
  path: '/v2beta/stable-image/generate/sd3',
  encoding: 'multipart',
  fields: {
    prompt: requiredText,
    model: { type: 'string', required: true, enum: ['sd3.5-large', 'sd3.5-large-turbo', 'sd3.5-medium'] },
    negative_prompt: text,
    aspect_ratio: { type: 'string', enum: stabilityRatios },
    cfg_scale: { type: 'number', min: 1, max: 10 },
    seed: stabilitySeed,
    output_format: { type: 'string', enum: ['png', 'jpeg'], note: 'SD3 and SD3.5 answer jpeg or png only' }
  },
  response: stabilityImageAnswer,
  sources: [stabilityReference, stabilityMcp]
});

const stabilityTool = (
  model: string,
  path: string,
  fields: Record<string, FieldRule>,
  extra: Partial<WireContract> = {}
): WireContract => ({
  provider: 'stability',
  model,
  method: 'POST',
  path,
  encoding: 'multipart',
  fields: { output_format: stabilityFormat, ...fields },
  response: stabilityImageAnswer,
  sources: [stabilityReference],
  ...extra
});

// ── WaveSpeed v3 ─────────────────────────────────────────────────────────────────────────────────────────────
const wavespeedAnswer =
  '200 {code:200, message, data:{id, status:"created", outputs:[]}}; errors {code, message}: 400 invalid input, 401 key, 402/403 insufficient balance, 429 rate limit';
const wavespeedPolling =
  'GET /predictions/{id}/result → data.status created | processing | completed | failed, outputs[] links (kept 7 days, then 403/404), error text when failed';
const wsSeed: FieldRule = {
  type: 'integer',
  min: -1,
  max: 2_147_483_647,
  note: '-1 asks for a random seed'
};
const wsSync: FieldRule = { type: 'boolean' };
const kontextRatios = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'] as const;
const wavespeed = (
  model: string,
  path: string,
  fields: Record<string, FieldRule>,
  sources: readonly ContractSource[]
): WireContract => ({
  provider: 'wavespeed',
  model,
  method: 'POST',
  path,
  encoding: 'json',
  fields: { enable_sync_mode: wsSync, ...fields },
  response: wavespeedAnswer,
  polling: wavespeedPolling,
  sources
});
const wsUnverified = (slug: string) =>
  src(
    `https://wavespeed.ai/docs/docs-api/${slug}`,
    'unverified',
    'Page not in any corpus we could read; fields kept from the earlier reading.'
  );

// ── Hugging Face Inference Providers (hf-inference) ────────────────────────────────────────────────────────
const hfSpec = src(
  'https://app.unpkg.com/@huggingface/tasks@0.19.78/files/src/tasks/text-to-image/spec/input.json',
  'provider',
  'text-to-image task input: inputs (string), parameters {guidance_scale, negative_prompt, num_inference_steps, width, height, scheduler, seed}'
);
const hfRouting = src(
  'https://github.com/openclaw/openclaw/pull/72129',
  'secondary',
  'POST https://router.huggingface.co/hf-inference/models/{repo} answers image bytes. Whether hf-inference still serves each model is unverified: a model it does not serve answers 400/404 "not supported by provider", handled as its own error.'
);
const huggingface = (model: string, negative: boolean): WireContract => ({
  provider: 'huggingface',
  model,
  method: 'POST',
  path: `/models/${model}`,
  encoding: 'json',
  fields: {
    inputs: { type: 'string', required: true },
    'parameters.guidance_scale': { type: 'number' },
    ...(negative ? { 'parameters.negative_prompt': { type: 'string' } } : {}),
    'parameters.num_inference_steps': { type: 'integer', min: 1 },
    'parameters.width': { type: 'integer', min: 1 },
    'parameters.height': { type: 'integer', min: 1 },
    'parameters.seed': { type: 'integer', min: 0, max: 2_147_483_647, note: 'diffusers takes a 32-bit seed' }
  },
  response:
    '200 image bytes (content-type image/*); errors {error}: 400 bad input or "model not supported by provider", 401 token, 402 credits exhausted, 429 rate limit, 503 {error, estimated_time} while loading',
  sources: [hfSpec, hfRouting]
});

// ── Gemini ───────────────────────────────────────────────────────────────────────────────────────────────────
const geminiRatios = ['21:9', '16:9', '4:3', '3:2', '5:4', '1:1', '4:5', '2:3', '3:4', '9:16'] as const;
const geminiSources = [
  src(
    'https://ai.google.dev/api/generate-content',
    'unverified',
    'Reference not reachable here; request shape as in googleapis/js-genai and python-genai.'
  ),
  src(
    'https://github.com/googleapis/python-genai/issues/811',
    'provider',
    'Official SDK repository: on 2.5 models thinking tokens count against maxOutputTokens and the answer comes back empty with finishReason MAX_TOKENS.'
  )
];
const geminiAnswer =
  '200 {candidates:[{content:{parts:[{text}|{inlineData:{mimeType,data}}]}, finishReason}], promptFeedback?:{blockReason}}; errors {error:{code, message, status}}: 400 INVALID_ARGUMENT, 403 PERMISSION_DENIED, 429 RESOURCE_EXHAUSTED';

// ── DashScope ────────────────────────────────────────────────────────────────────────────────────────────────
const dashscopeSources = [
  src(
    'https://help.aliyun.com/zh/model-studio/text-to-image',
    'unverified',
    'Alibaba Model Studio reference (not reachable here); the async example is copied in public repositories below.'
  ),
  src(
    'https://github.com/Randark-JMT/DashScopeRouter/blob/main/example/dashscope_text-to-image_Sync.py',
    'secondary',
    'Official example code for qwen-image: negative_prompt, size, prompt_extend and watermark are parameters, not input.'
  ),
  src(
    'https://docs.comfy.org/built-in-nodes/QwenImageTextToImageApi.md',
    'secondary',
    'DashScope Qwen image seed range 0–2147483647.'
  )
];

/** One contract per model, keyed `provider:model`. */
export const wireContracts: readonly WireContract[] = [
  stabilityGenerate('ultra', '/v2beta/stable-image/generate/ultra'),
  stabilityGenerate('core', '/v2beta/stable-image/generate/core'),
  sd3('sd3.5-large'),
  sd3('sd3.5-large-turbo'),
  sd3('sd3.5-medium'),
  stabilityTool('erase', '/v2beta/stable-image/edit/erase', {
    image: imageFile,
    seed: stabilitySeed,
    mask: { type: 'file' },
    grow_mask: { type: 'integer', min: 0, max: 20 }
  }),
  stabilityTool('inpaint', '/v2beta/stable-image/edit/inpaint', {
    image: imageFile,
    seed: stabilitySeed,
    prompt: requiredText,
    mask: { type: 'file' },
    negative_prompt: text,
    grow_mask: { type: 'integer', min: 0, max: 100 },
    style_preset: stylePreset
  }),
  stabilityTool('outpaint', '/v2beta/stable-image/edit/outpaint', {
    image: imageFile,
    seed: stabilitySeed,
    prompt: text,
    left: { type: 'integer', min: 0, max: 2000 },
    right: { type: 'integer', min: 0, max: 2000 },
    up: { type: 'integer', min: 0, max: 2000 },
    down: { type: 'integer', min: 0, max: 2000 },
    creativity: unit,
    style_preset: stylePreset
  }),
  stabilityTool('search-and-replace', '/v2beta/stable-image/edit/search-and-replace', {
    image: imageFile,
    seed: stabilitySeed,
    prompt: requiredText,
    search_prompt: requiredText,
    negative_prompt: text,
    grow_mask: { type: 'integer', min: 0, max: 20 },
    style_preset: stylePreset
  }),
  stabilityTool('search-and-recolor', '/v2beta/stable-image/edit/search-and-recolor', {
    image: imageFile,
    seed: stabilitySeed,
    prompt: requiredText,
    select_prompt: requiredText,
    negative_prompt: text,
    grow_mask: { type: 'integer', min: 0, max: 20 },
    style_preset: stylePreset
  }),
  stabilityTool('remove-background', '/v2beta/stable-image/edit/remove-background', {
    image: imageFile,
    // A cut-out needs transparency: jpeg is not offered.
    output_format: { type: 'string', enum: ['png', 'webp'] }
  }),
  stabilityTool(
    'replace-background-and-relight',
    '/v2beta/stable-image/edit/replace-background-and-relight',
    {
      subject_image: imageFile,
      seed: stabilitySeed,
      background_prompt: text,
      background_reference: { type: 'file' },
      foreground_prompt: text,
      negative_prompt: text,
      preserve_original_subject: unit,
      original_background_depth: unit,
      keep_original_background: { type: 'boolean' },
      light_source_direction: { type: 'string', enum: ['left', 'right', 'above', 'below'] },
      light_reference: { type: 'file' },
      light_source_strength: unit
    },
    { response: stabilityJobAnswer, sources: [stabilityReference, stabilityRelight] }
  ),
  stabilityTool('fast', '/v2beta/stable-image/upscale/fast', {
    image: imageFile
  }),
  stabilityTool(
    'conservative',
    '/v2beta/stable-image/upscale/conservative',
    {
      image: imageFile,
      seed: stabilitySeed,
      prompt: requiredText,
      negative_prompt: text,
      creativity: { type: 'number', min: 0.2, max: 0.5 }
    },
    { sources: [stabilityReference, stabilityNodeSdk] }
  ),
  stabilityTool(
    'creative',
    '/v2beta/stable-image/upscale/creative',
    {
      image: imageFile,
      seed: stabilitySeed,
      prompt: requiredText,
      negative_prompt: text,
      creativity: { type: 'number', min: 0.1, max: 0.5 },
      style_preset: stylePreset
    },
    { response: stabilityJobAnswer, sources: [stabilityReference, stabilityNodeSdk] }
  ),
  stabilityTool('sketch', '/v2beta/stable-image/control/sketch', {
    image: imageFile,
    seed: stabilitySeed,
    prompt: requiredText,
    control_strength: unit,
    negative_prompt: text,
    style_preset: stylePreset
  }),
  stabilityTool('structure', '/v2beta/stable-image/control/structure', {
    image: imageFile,
    seed: stabilitySeed,
    prompt: requiredText,
    control_strength: unit,
    negative_prompt: text,
    style_preset: stylePreset
  }),
  stabilityTool('style', '/v2beta/stable-image/control/style', {
    image: imageFile,
    seed: stabilitySeed,
    prompt: requiredText,
    negative_prompt: text,
    aspect_ratio: {
      type: 'string',
      enum: ['21:9', '16:9', '3:2', '5:4', '1:1', '4:5', '2:3', '9:16', '9:21']
    },
    fidelity: unit,
    style_preset: stylePreset
  }),
  // Style transfer takes no style_preset: the style comes from style_image.
  stabilityTool('style-transfer', '/v2beta/stable-image/control/style-transfer', {
    init_image: imageFile,
    seed: stabilitySeed,
    style_image: imageFile,
    prompt: text,
    negative_prompt: text,
    style_strength: unit,
    composition_fidelity: unit,
    change_strength: { type: 'number', min: 0.1, max: 1 }
  }),
  {
    provider: 'stability',
    model: 'stable-fast-3d',
    method: 'POST',
    path: '/v2beta/3d/stable-fast-3d',
    encoding: 'multipart',
    fields: {
      image: imageFile,
      texture_resolution: { type: 'integer', enum: [512, 1024, 2048] },
      foreground_ratio: { type: 'number', min: 0.1, max: 1 },
      remesh: { type: 'string', enum: ['none', 'triangle', 'quad'] },
      vertex_count: { type: 'integer', min: -1, max: 20_000 }
    },
    response: '200 model/gltf-binary (GLB); errors as the image endpoints',
    sources: [stabilityReference]
  },

  wavespeed(
    'ideogram-v3-turbo',
    '/ideogram-ai/ideogram-v3-turbo',
    {
      prompt: { type: 'string', required: true },
      negative_prompt: { type: 'string' },
      size: { type: 'string' },
      seed: wsSeed,
      guidance_scale: { type: 'number', min: 0, max: 12 },
      num_inference_steps: { type: 'integer', min: 5, max: 60 }
    },
    [wsUnverified('ideogram-ai/ideogram-v3-turbo')]
  ),
  wavespeed(
    'qwen-image',
    '/wavespeed-ai/qwen-image/text-to-image',
    {
      prompt: { type: 'string', required: true },
      negative_prompt: { type: 'string' },
      size: { type: 'string' },
      seed: wsSeed,
      guidance_scale: { type: 'number', min: 0, max: 12 },
      num_inference_steps: { type: 'integer', min: 5, max: 60 },
      output_format: { type: 'string', enum: ['jpeg', 'png', 'webp'] }
    },
    [wsUnverified('wavespeed-ai/qwen-image-text-to-image')]
  ),
  wavespeed(
    'flux-kontext-pro',
    '/wavespeed-ai/flux-kontext-pro/text-to-image',
    {
      prompt: { type: 'string', required: true },
      aspect_ratio: { type: 'string', enum: kontextRatios },
      num_images: { type: 'integer', min: 1, max: 4 },
      guidance_scale: { type: 'number', min: 1, max: 10 },
      safety_tolerance: { type: 'string', enum: ['1', '2', '3', '4', '5'] }
    },
    [
      src(
        'https://wavespeed.ai/docs/docs-api/flux-kontext-pro-text-to-image',
        'provider',
        'prompt, aspect_ratio, num_images, guidance_scale, safety_tolerance, enable_sync_mode — no size, seed, steps or negative prompt'
      )
    ]
  ),
  wavespeed(
    'qwen-edit',
    '/wavespeed-ai/qwen-image/edit',
    {
      prompt: { type: 'string', required: true },
      image: {
        type: 'data-uri',
        required: true,
        note: 'one image; images[] belongs to the edit-plus variants'
      },
      seed: wsSeed,
      output_format: { type: 'string', enum: ['jpeg', 'png', 'webp'] },
      enable_base64_output: { type: 'boolean' }
    },
    [
      src(
        'https://wavespeed.ai/docs/docs-api/wavespeed-ai/qwen-image-edit',
        'provider',
        'Example body: seed (-1 random), output_format "jpeg", enable_base64_output, enable_sync_mode; a single-image edit model. png and webp outputs are unverified.'
      )
    ]
  ),
  wavespeed(
    'seedream-v4.5-edit',
    '/bytedance/seedream-v4.5/edit',
    {
      prompt: { type: 'string', required: true },
      images: { type: 'array', items: 'data-uri', required: true, maxItems: 10 },
      size: { type: 'string' },
      enable_base64_output: { type: 'boolean' }
    },
    [
      src(
        'https://www.wavespeed.ai/docs/docs-api/bytedance/bytedance-seedream-v4.5-edit',
        'provider',
        '1–10 input images, output up to 8192×8192; takes images[] (seed and output_format not documented, so not sent)'
      )
    ]
  ),
  wavespeed(
    'flux-kontext-pro-edit',
    '/wavespeed-ai/flux-kontext-pro',
    {
      prompt: { type: 'string', required: true },
      image: { type: 'data-uri', required: true },
      guidance_scale: { type: 'number', min: 1, max: 10 },
      aspect_ratio: { type: 'string', enum: kontextRatios },
      safety_tolerance: { type: 'string', enum: ['1', '2', '3', '4', '5'] }
    },
    [
      src(
        'https://wavespeed.ai/docs/docs-api/flux-kontext-pro',
        'provider',
        'prompt and a single image required; guidance_scale 1.0–10.0 (the model page’s llms.txt says 1–20: the narrower range is kept); no seed, no size, no mask'
      ),
      src('https://wavespeed.ai/models/wavespeed-ai/flux-kontext-pro/llms.txt', 'provider')
    ]
  ),
  wavespeed(
    'wan-2.5',
    '/alibaba/wan-2.5/image-to-video',
    {
      image: { type: 'data-uri', required: true },
      prompt: { type: 'string', required: true },
      negative_prompt: { type: 'string' },
      audio: { type: 'data-uri' },
      resolution: { type: 'string', enum: ['480p', '720p', '1080p'] },
      duration: { type: 'integer', enum: [5, 10] },
      enable_prompt_expansion: { type: 'boolean' },
      seed: wsSeed
    },
    [wsUnverified('alibaba/alibaba-wan-2.5-image-to-video')]
  ),
  wavespeed(
    'hunyuan-avatar',
    '/wavespeed-ai/hunyuan-avatar',
    {
      image: { type: 'data-uri', required: true },
      audio: { type: 'data-uri', required: true },
      prompt: { type: 'string' },
      resolution: { type: 'string', enum: ['480p', '720p'] },
      seed: wsSeed
    },
    [wsUnverified('wavespeed-ai/hunyuan-avatar')]
  ),

  huggingface('black-forest-labs/FLUX.1-schnell', false),
  huggingface('stabilityai/stable-diffusion-xl-base-1.0', true),

  {
    provider: 'gemini',
    model: 'gemini-2.5-flash-image',
    method: 'POST',
    path: '/v1beta/models/gemini-2.5-flash-image:generateContent',
    encoding: 'json',
    fields: {
      contents: { type: 'array', items: 'object', required: true },
      'generationConfig.responseModalities': { type: 'array', items: 'string', required: true },
      'generationConfig.imageConfig.aspectRatio': { type: 'string', enum: geminiRatios }
    },
    response: geminiAnswer,
    sources: geminiSources
  },
  {
    provider: 'gemini',
    model: 'gemini-2.5-flash',
    method: 'POST',
    path: '/v1beta/models/gemini-2.5-flash:generateContent',
    encoding: 'json',
    fields: {
      contents: { type: 'array', items: 'object', required: true },
      'systemInstruction.parts': { type: 'array', items: 'object' },
      'generationConfig.responseModalities': { type: 'array', items: 'string' },
      'generationConfig.maxOutputTokens': { type: 'integer', min: 1, max: 65_536 },
      'generationConfig.thinkingConfig.thinkingBudget': {
        type: 'integer',
        min: 0,
        max: 24_576,
        note: '0 turns thinking off on 2.5 Flash; thinking tokens otherwise count against maxOutputTokens'
      }
    },
    response: geminiAnswer,
    sources: geminiSources
  },

  {
    provider: 'qwen',
    model: 'qwen-image',
    method: 'POST',
    path: '/api/v1/services/aigc/text2image/image-synthesis',
    encoding: 'json',
    headers: { 'x-dashscope-async': 'enable' },
    fields: {
      model: { type: 'string', required: true, enum: ['qwen-image'] },
      'input.prompt': { type: 'string', required: true, max: 800 },
      'parameters.negative_prompt': { type: 'string', max: 500 },
      'parameters.size': {
        type: 'string',
        enum: ['1664*928', '1472*1140', '1328*1328', '1140*1472', '928*1664']
      },
      'parameters.n': { type: 'integer', min: 1, max: 1 },
      'parameters.prompt_extend': { type: 'boolean' },
      'parameters.watermark': { type: 'boolean' },
      'parameters.seed': { type: 'integer', min: 0, max: 2_147_483_647 }
    },
    response:
      '200 {output:{task_id, task_status:"PENDING"}, request_id}; errors {code, message, request_id}: 400 InvalidParameter, 400 DataInspectionFailed (moderation), 401 InvalidApiKey, 403 AccessDenied (sync call / arrears), 429 Throttling',
    polling:
      'GET /api/v1/tasks/{id} → PENDING | RUNNING | SUCCEEDED (results[{url}], links kept 24 h) | FAILED {code, message} | UNKNOWN (task expired)',
    sources: dashscopeSources
  }
];

export function wireContract(provider: ProviderId, model: string): WireContract | undefined {
  return wireContracts.find((contract) => contract.provider === provider && contract.model === model);
}

export interface Violation {
  field: string;
  kind: 'unknown' | 'missing' | 'type' | 'enum' | 'range';
  message: string;
}

const isDataUri = (value: unknown) => typeof value === 'string' && /^data:[\w.+/-]+;base64,/.test(value);

function typeProblem(type: WireType, value: unknown): string | undefined {
  const ok = (() => {
    switch (type) {
      case 'string':
        return typeof value === 'string';
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'integer':
        return Number.isInteger(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'file':
        return value instanceof Blob;
      case 'data-uri':
        return isDataUri(value);
      case 'array':
        return Array.isArray(value);
      case 'object':
        return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
    }
  })();
  return ok ? undefined : `must be ${type === 'integer' ? 'an integer' : `a ${type}`}`;
}

function checkField(field: string, rule: FieldRule, value: unknown): Violation[] {
  const problem = typeProblem(rule.type, value);
  if (problem) return [{ field, kind: 'type', message: `${field}: ${problem}` }];
  if (rule.enum && !rule.enum.includes(value as string | number)) {
    return [{ field, kind: 'enum', message: `${field}: must be one of ${rule.enum.join(', ')}` }];
  }
  if (typeof value === 'number') {
    if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max))
      return [{ field, kind: 'range', message: `${field}: must be between ${rule.min} and ${rule.max}` }];
  }
  if (typeof value === 'string' && rule.max !== undefined && value.length > rule.max) {
    return [{ field, kind: 'range', message: `${field}: must be at most ${rule.max} characters` }];
  }
  if (Array.isArray(value)) {
    if (rule.maxItems !== undefined && value.length > rule.maxItems)
      return [{ field, kind: 'range', message: `${field}: at most ${rule.maxItems} items` }];
    const itemType = rule.items;
    const bad = itemType ? value.findIndex((item) => typeProblem(itemType, item)) : -1;
    if (bad >= 0 && itemType)
      return [{ field, kind: 'type', message: `${field}[${bad}]: ${typeProblem(itemType, value[bad])}` }];
  }
  return [];
}

/** Multipart values arrive as strings: read them as the rule's type, so the same checks apply to both encodings. */
function fromForm(rule: FieldRule | undefined, value: FormDataEntryValue): unknown {
  if (typeof value !== 'string' || !rule) return value;
  if (rule.type === 'number' || rule.type === 'integer') return value.trim() === '' ? value : Number(value);
  if (rule.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** A multipart body as the flat record `checkWire` reads. */
export function formRecord(contract: WireContract, form: FormData): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) record[key] = fromForm(contract.fields[key], value);
  return record;
}

/**
 * Every way a request body breaks the contract: fields the provider does not take (a misspelt or misplaced field is
 * silently dropped upstream — this is how a setting gets lost), required fields missing, wrong types, values
 * outside an enum or range. JSON bodies are walked into the dotted names the contract uses.
 */
export function checkWire(contract: WireContract, body: Record<string, unknown>): Violation[] {
  const violations: Violation[] = [];
  const names = Object.keys(contract.fields);
  const seen = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (child === undefined || child === null) continue;
      const rule = contract.fields[name];
      if (rule) {
        seen.add(name);
        violations.push(...checkField(name, rule, child));
      } else if (
        child &&
        typeof child === 'object' &&
        !Array.isArray(child) &&
        !(child instanceof Blob) &&
        names.some((candidate) => candidate.startsWith(`${name}.`))
      ) {
        walk(child, name);
      } else {
        violations.push({
          field: name,
          kind: 'unknown',
          message: `${name}: not a parameter of ${contract.model}`
        });
      }
    }
  };
  walk(body, '');
  for (const [name, rule] of Object.entries(contract.fields)) {
    if (rule.required && !seen.has(name))
      violations.push({ field: name, kind: 'missing', message: `${name}: required` });
  }
  return violations;
}
