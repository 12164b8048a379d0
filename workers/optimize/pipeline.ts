import { centreCrop } from '$core/crop/choose';
import { resolveCrop } from '$core/crop/resolve';
import type { ResolvedCrop } from '$core/crop/schema';
import { ImageError } from '$core/errors/image-error';
import type { Rect } from '$core/geometry/rect';
import { copyrightOverhead, embedCopyright, readCopyright, type Copyright } from '$core/image/copyright';
import type { EncodableFormat } from '$core/image/format';
import { pickFocal } from '$core/optimize/focal';
import {
  OptimizeOptionsSchema,
  OutputRequestSchema,
  type Analysis,
  type OptimizeOptions,
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
import { hexToRgb, padFrame, type PadBackground } from './pad';

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

/** A source decoded elsewhere, with the codec whose encoders go with it. */
export interface Decoded {
  image: DecodedImage;
  codec: Codec;
}

const DEFAULT_QUALITY = 82;

/** The blurred background is the photo at 1/BLUR_STEP of the frame, stretched back: a wide, cheap blur. */
const BLUR_STEP = 24;

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

  async function withDecoded<T>(
    bytes: Uint8Array,
    run: (image: DecodedImage, codec: Codec) => Promise<T>,
    decoded?: Decoded
  ) {
    const codec = decoded?.codec ?? (await host.codecFor(bytes));
    const image = decoded?.image ?? (await codec.decode(bytes));
    try {
      return await run(image, codec);
    } finally {
      image.dispose();
    }
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

  /**
   * A pad fit: the crop scaled into its placement over a colour or a blurred copy, composed here and encoded
   * by a codec that takes RGBA (the same pixels path the browser uses for AVIF).
   */
  async function renderPadded(
    image: DecodedImage,
    chosen: ResolvedCrop,
    preset: OutputRequest['preset']
  ): Promise<RenderedImage> {
    const { placement } = chosen;
    const front = await image.render(chosen.crop, placement, { flatten: false });
    let background: PadBackground;
    try {
      if (chosen.fit === 'pad-blur') {
        const size = {
          width: Math.max(1, Math.round(preset.width / BLUR_STEP)),
          height: Math.max(1, Math.round(preset.height / BLUR_STEP))
        };
        const small = await image.render(centreCrop(image, preset), size, { flatten: true });
        try {
          background = { kind: 'blur', rgba: await small.rgba(), size };
        } finally {
          small.dispose();
        }
      } else background = { kind: 'color', rgb: hexToRgb(chosen.color ?? '#000000') };
      const rgba = padFrame(preset, placement, await front.rgba(), background);
      const encoder = await host.fallbackEncoder?.();
      const encodeRgba = encoder?.encodeRgba?.bind(encoder);
      if (!encodeRgba) throw new ImageError('invalid_options', 'Padded outputs cannot be written here.');
      const frame = { width: preset.width, height: preset.height };
      return {
        ...frame,
        encode: (format, quality) => encodeRgba(rgba, frame, format, quality),
        rgba: async () => rgba,
        dispose: () => undefined
      };
    } finally {
      front.dispose();
    }
  }

  async function renderOne(
    image: DecodedImage,
    codec: Codec,
    request: OutputRequest,
    analysis: Analysis | undefined,
    options: Pick<OptimizeOptions, 'name' | 'focal' | 'dismissed' | 'added'> & { copyright: Copyright }
  ): Promise<OptimizedOutput> {
    const { preset } = request;
    const format = request.format ?? preset.formats[0] ?? 'jpeg';
    const detections = analysis?.detections ?? { faces: [], objects: [] };
    // The page sends the decision its preview shows; the CLI leaves it to this one call of the same function.
    const chosen =
      request.resolved ??
      resolveCrop({
        source: image,
        preset,
        detections,
        focal: analysis?.focal,
        user: {
          focal: options.focal,
          dismissed: options.dismissed,
          added: options.added,
          crop: request.crop
        },
        fit: request.fit,
        color: request.color
      });
    checkCrop(chosen.crop, image);
    const rendered =
      chosen.fit === 'cover'
        ? await image.render(chosen.crop, preset, { flatten: format === 'jpeg' })
        : await renderPadded(image, chosen, preset);
    try {
      const quality = request.quality ?? DEFAULT_QUALITY;
      const maxBytes = request.maxBytes ?? (request.quality === undefined ? preset.maxBytes : undefined);
      const notice = request.keepMetadata ? options.copyright : {};
      const room = copyrightOverhead(format, notice);
      const encoder = await encoderFor(rendered, codec, format);
      const encoded = await encodeWithin(encoder, format, quality, maxBytes && maxBytes - room);
      const warnings: OutputWarning[] = [...chosen.warnings];
      const signed = embedCopyright(encoded.bytes, format, notice);
      if (!signed) {
        warnings.push({
          code: 'metadata_not_kept',
          message: `${format.toUpperCase()} outputs cannot carry the copyright notice here; it was left out.`
        });
      }
      const bytes = signed ?? encoded.bytes;
      if (chosen.crop.width < preset.width || chosen.crop.height < preset.height) {
        warnings.push({
          code: 'upscaled',
          message: `The source area (${chosen.crop.width}×${chosen.crop.height}) is smaller than ${preset.width}×${preset.height}: it was enlarged and may look soft.`
        });
      }
      if (!encoded.fits && maxBytes !== undefined) {
        warnings.push({
          code: 'over_budget',
          message: `${Math.round(encoded.bytes.byteLength / 1024)} KB is over the ${Math.round(maxBytes / 1024)} KB limit even at the lowest quality.`
        });
      }
      const result: OptimizeResult = {
        source: options.name,
        preset: preset.id,
        crop: chosen.crop,
        cropStrategy: chosen.strategy,
        fit: chosen.fit,
        placement: chosen.placement,
        width: rendered.width,
        height: rendered.height,
        bytes: bytes.byteLength,
        format,
        quality: encoded.quality,
        detections,
        warnings
      };
      return { result, bytes };
    } finally {
      rendered.dispose();
    }
  }

  return {
    /** Size after EXIF orientation, face and object boxes, and one focal point. */
    analyze(bytes: Uint8Array): Promise<Analysis> {
      return withDecoded(bytes, (image) => analyzeDecoded(image));
    },

    /**
     * Decodes once and renders every request from the same pixels; results come in request order.
     * Detection runs once, unless a previous analysis or a focal point is passed in, or every request
     * brings its own crop. `decoded`, when given, is these bytes already decoded (by the page, so a source
     * split over workers is decoded once); it is disposed here like the optimizer's own.
     */
    async optimize(
      bytes: Uint8Array,
      requests: readonly OutputRequestInput[],
      input: OptimizeOptionsInput = {},
      decoded?: Decoded
    ): Promise<OptimizedOutput[]> {
      const parsedOptions = OptimizeOptionsSchema.safeParse(input);
      if (!parsedOptions.success) {
        throw new ImageError('invalid_options', `Invalid options: ${parsedOptions.error.issues[0]?.message}`);
      }
      const options = parsedOptions.data;
      const parsed = parseRequests(requests);
      return withDecoded(
        bytes,
        async (image, codec) => {
          const needsDetection =
            options.detect && parsed.some((request) => !request.resolved && !request.crop);
          const analysis = options.analysis ?? (needsDetection ? await analyzeDecoded(image) : undefined);
          const copyright = parsed.some((request) => request.keepMetadata) ? readCopyright(bytes) : {};
          // All at once: sharp spreads them over its thread pool, and in a worker one output's encode
          // (convertToBlob runs off the worker's thread) overlaps the next one's drawing.
          return Promise.all(
            parsed.map((request) => renderOne(image, codec, request, analysis, { ...options, copyright }))
          );
        },
        decoded
      );
    }
  };
}

export type Optimizer = ReturnType<typeof createOptimizer>;
