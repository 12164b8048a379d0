import { chooseCrop } from '$core/crop/choose';
import { cropWarnings } from '$core/crop/warnings';
import { ImageError } from '$core/errors/image-error';
import type { Rect } from '$core/geometry/rect';
import { copyrightOverhead, embedCopyright, readCopyright, type Copyright } from '$core/image/copyright';
import type { EncodableFormat } from '$core/image/format';
import { pickFocal } from '$core/optimize/focal';
import {
  OptimizeOptionsSchema,
  OutputRequestSchema,
  type Analysis,
  type OptimizeOptionsInput,
  type OptimizeResult,
  type OptimizedOutput,
  type OutputRequest,
  type OutputRequestInput,
  type OutputWarning
} from '$core/optimize/schema';
import { MIN_FACE_SCORE } from '$core/crop/choose';
import type { Detection, DetectionTasks } from '$core/vision/detection';
import { saliencyFocal } from '$core/vision/saliency';
import type { RgbPixels } from '../vision/detect';
import { encodeWithin } from './budget';
import type { Codec, DecodedImage, RenderedImage } from './codec';

/** Detectors see at most this many pixels on the long side; boxes come back in source pixels. */
export const WORKING_SIDE = 1280;

export type Detector = (
  pixels: RgbPixels,
  source: { width: number; height: number; scale: number },
  tasks: DetectionTasks
) => Promise<Detection>;

export interface OptimizerHost {
  /** Picks the codec that decodes these bytes (by format); its encoders are tried first. */
  codecFor(bytes: Uint8Array): Promise<Codec>;
  /** Encodes formats the decoding codec cannot write (AVIF in a browser). */
  fallbackEncoder?: () => Promise<Codec>;
  detect: Detector;
}

/**
 * One output planned and scaled, waiting for its encoder: everything `finish` needs besides the pixels.
 * Plain data, so a worker that scales can hand it to another that encodes.
 */
export interface PlannedOutput {
  request: OutputRequest;
  format: EncodableFormat;
  crop: Rect;
  cropStrategy: OptimizeResult['cropStrategy'];
  warnings: OutputWarning[];
  detections: Analysis['detections'];
  source: string;
  copyright: Copyright;
}

const DEFAULT_QUALITY = 82;

function parseRequests(requests: readonly OutputRequestInput[]): OutputRequest[] {
  return requests.map((request, index) => {
    const parsed = OutputRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImageError(
        'invalid_options',
        `Output ${index + 1}: ${issue?.path.join('.') || 'request'} — ${issue?.message}`
      );
    }
    return parsed.data;
  });
}

/**
 * Request indices by output area, largest first: when another worker encodes what this one scales, the
 * last hand-off is then the smallest, so little encoding is left once scaling ends.
 */
function largestFirst(requests: readonly OutputRequest[]): number[] {
  const area = ({ preset }: OutputRequest) => preset.width * preset.height;
  return requests.map((_, index) => index).sort((a, b) => area(requests[b]!) - area(requests[a]!));
}

function checkCrop(crop: Rect, image: DecodedImage): void {
  if (crop.x + crop.width > image.width || crop.y + crop.height > image.height) {
    throw new ImageError(
      'invalid_options',
      `The crop ${crop.width}×${crop.height} at ${crop.x},${crop.y} lies outside the ${image.width}×${image.height} image.`
    );
  }
}

export function createOptimizer(host: OptimizerHost) {
  async function analyzeDecoded(image: DecodedImage): Promise<Analysis> {
    const { pixels, scale } = await image.rgb(WORKING_SIDE);
    const source = { width: image.width, height: image.height, scale };
    // Faces first (~50 ms); the object detector (~200 ms) only runs on pictures without a clear face.
    const faces = await host.detect(pixels, source, { faces: true, objects: false });
    const hasFace = faces.faces.some((face) => face.score >= MIN_FACE_SCORE);
    const objects = hasFace ? undefined : await host.detect(pixels, source, { faces: false, objects: true });
    const started = performance.now();
    const detections = { faces: faces.faces, objects: objects?.objects ?? [] };
    const needsSaliency = detections.faces.length === 0 && detections.objects.length === 0;
    const point = needsSaliency ? saliencyFocal(pixels) : undefined;
    const saliency = point && { x: point.x / scale, y: point.y / scale };
    return {
      width: image.width,
      height: image.height,
      detections,
      focal: pickFocal(image, detections, saliency),
      ms: faces.ms + (objects?.ms ?? 0) + (performance.now() - started)
    };
  }

  /** The rendering codec's own encoder when it has the format, else the fallback's, fed straight RGBA. */
  async function encoderFor(rendered: RenderedImage, codec: Codec, format: EncodableFormat) {
    if (codec.encodes.includes(format)) return (q: number) => rendered.encode(format, q);
    const fallback = await host.fallbackEncoder?.();
    if (!fallback?.encodeRgba) {
      throw new ImageError('invalid_options', `${format.toUpperCase()} cannot be written here.`);
    }
    const rgba = await rendered.rgba();
    const size = { width: rendered.width, height: rendered.height };
    const encodeRgba = fallback.encodeRgba.bind(fallback);
    return (q: number) => encodeRgba(rgba, size, format, q);
  }

  /** Where and how one output is cut from the source, and what its result will report besides the pixels. */
  function planOutput(
    image: DecodedImage,
    request: OutputRequest,
    analysis: Analysis | undefined,
    options: { name: string; focal?: { x: number; y: number }; copyright: Copyright }
  ): PlannedOutput {
    const { preset } = request;
    const detections = analysis?.detections ?? { faces: [], objects: [] };
    const chosen = request.crop
      ? {
          crop: request.crop,
          strategy: 'user' as const,
          warnings: cropWarnings(request.crop, preset, detections.faces, detections.objects)
        }
      : chooseCrop({
          source: image,
          preset,
          faces: detections.faces,
          objects: detections.objects,
          focal: options.focal ? { ...options.focal, pinned: true } : analysis?.focal
        });
    checkCrop(chosen.crop, image);
    return {
      request,
      format: request.format ?? preset.formats[0] ?? 'jpeg',
      crop: chosen.crop,
      cropStrategy: chosen.strategy,
      warnings: chosen.warnings,
      detections,
      source: options.name,
      copyright: options.copyright
    };
  }

  /** Encodes a scaled output (within its byte budget) and writes its result. Disposes `rendered`. */
  async function finish(
    rendered: RenderedImage,
    codec: Codec,
    planned: PlannedOutput
  ): Promise<OptimizedOutput> {
    const { request, format, crop } = planned;
    const { preset } = request;
    try {
      const quality = request.quality ?? DEFAULT_QUALITY;
      const maxBytes = request.maxBytes ?? (request.quality === undefined ? preset.maxBytes : undefined);
      const notice = request.keepMetadata ? planned.copyright : {};
      const room = copyrightOverhead(format, notice);
      const encoder = await encoderFor(rendered, codec, format);
      const encoded = await encodeWithin(encoder, format, quality, maxBytes && maxBytes - room);
      const warnings: OutputWarning[] = [...planned.warnings];
      const signed = embedCopyright(encoded.bytes, format, notice);
      if (!signed) {
        warnings.push({
          code: 'metadata_not_kept',
          message: `${format.toUpperCase()} outputs cannot carry the copyright notice here; it was left out.`
        });
      }
      const bytes = signed ?? encoded.bytes;
      if (crop.width < preset.width || crop.height < preset.height) {
        warnings.push({
          code: 'upscaled',
          message: `The source area (${crop.width}×${crop.height}) is smaller than ${preset.width}×${preset.height}: it was enlarged and may look soft.`
        });
      }
      if (!encoded.fits && maxBytes !== undefined) {
        warnings.push({
          code: 'over_budget',
          message: `${Math.round(encoded.bytes.byteLength / 1024)} KB is over the ${Math.round(maxBytes / 1024)} KB limit even at the lowest quality.`
        });
      }
      const result: OptimizeResult = {
        source: planned.source,
        preset: preset.id,
        crop,
        cropStrategy: planned.cropStrategy,
        width: rendered.width,
        height: rendered.height,
        bytes: bytes.byteLength,
        format,
        quality: encoded.quality,
        detections: planned.detections,
        warnings
      };
      return { result, bytes };
    } finally {
      rendered.dispose();
    }
  }

  /**
   * Decodes once, runs detection once (unless a previous analysis or a focal point is passed in, or every
   * request brings its own crop), then plans and scales each output in request order, handing each to
   * `each` as soon as it is scaled; `each` owns the scaled image.
   */
  async function renderEach(
    bytes: Uint8Array,
    requests: readonly OutputRequestInput[],
    input: OptimizeOptionsInput,
    each: (index: number, rendered: RenderedImage, planned: PlannedOutput, codec: Codec) => void
  ): Promise<void> {
    const parsedOptions = OptimizeOptionsSchema.safeParse(input);
    if (!parsedOptions.success) {
      throw new ImageError('invalid_options', `Invalid options: ${parsedOptions.error.issues[0]?.message}`);
    }
    const options = parsedOptions.data;
    const parsed = parseRequests(requests);
    const codec = await host.codecFor(bytes);
    const image = await codec.decode(bytes);
    try {
      const needsDetection = options.detect && !options.focal && parsed.some((request) => !request.crop);
      const analysis = options.analysis ?? (needsDetection ? await analyzeDecoded(image) : undefined);
      const copyright = parsed.some((request) => request.keepMetadata) ? readCopyright(bytes) : {};
      for (const index of largestFirst(parsed)) {
        const request = parsed[index]!;
        const planned = planOutput(image, request, analysis, { ...options, copyright });
        const rendered = await image.render(planned.crop, request.preset, {
          flatten: planned.format === 'jpeg'
        });
        each(index, rendered, planned, codec);
      }
    } finally {
      image.dispose();
    }
  }

  return {
    /** Size after EXIF orientation, face and object boxes, and one focal point. */
    async analyze(bytes: Uint8Array): Promise<Analysis> {
      const image = await (await host.codecFor(bytes)).decode(bytes);
      try {
        return await analyzeDecoded(image);
      } finally {
        image.dispose();
      }
    },

    /**
     * Every output of one source, results in request order. Each output is encoded while the next one is
     * scaled: sharp spreads them over its thread pool.
     */
    async optimize(
      bytes: Uint8Array,
      requests: readonly OutputRequestInput[],
      input: OptimizeOptionsInput = {}
    ): Promise<OptimizedOutput[]> {
      const outputs: Promise<OptimizedOutput>[] = [];
      try {
        await renderEach(bytes, requests, input, (index, rendered, planned, codec) => {
          outputs[index] = finish(rendered, codec, planned);
        });
      } finally {
        // Outputs already under way finish (and free their pixels) before any error goes out.
        await Promise.allSettled(outputs);
      }
      return Promise.all(outputs);
    },

    renderEach,
    finish
  };
}

export type Optimizer = ReturnType<typeof createOptimizer>;
