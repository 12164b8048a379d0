import { centreCrop } from '$core/crop/choose';
import { resolveCrop } from '$core/crop/resolve';
import type { Point } from '$core/crop/geometry';
import type { ResolvedCrop } from '$core/crop/schema';
import { ImageError } from '$core/errors/image-error';
import type { Rect } from '$core/geometry/rect';
import { copyrightOverhead, embedCopyright, readCopyright, type Copyright } from '$core/image/copyright';
import type { EncodableFormat } from '$core/image/format';
import { pickFocal } from '$core/optimize/focal';
import { encodeSettings, sameFileKey } from '$core/optimize/same-file';
import { largestFirst } from '$core/optimize/shares';
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
import { facesActedOn } from '$core/crop/resolve';
import {
  headBox,
  type Detection,
  type DetectionTasks,
  type Face,
  type FaceCheck
} from '$core/vision/detection';
import { faceWindows, mergeWindowed, smallFaceWindows, type WindowedFace } from '$core/vision/tiles';
import { saliencyFocal } from '$core/vision/saliency';
import type { RawFace, RgbPixels } from '../vision/detect';
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
  /**
   * BlazeFace (with the face mesh when `mesh`, only on finds near `centre` when given) on these pixels; boxes
   * in their own pixels.
   */
  findFaces(pixels: RgbPixels, mesh: boolean, centre?: Point): Promise<RawFace[]>;
  /** Starts loading the detector (library, wasm, weights), so it loads while the source decodes. */
  prepareDetector?: () => void;
}

/** A source decoded elsewhere, with the codec whose encoders go with it. */
export interface Decoded {
  image: DecodedImage;
  codec: Codec;
}

/**
 * Called with each output as soon as it is made (the CLI writes it then, while the others encode). The
 * optimization settles once every output and every call has, and fails with the first failure in request order.
 */
export type EachOutput = (output: OptimizedOutput, index: number) => Promise<void> | void;

/** Finds below this are not worth a second look (the detector's own floor is 0.2). */
const CANDIDATE_SCORE = 0.25;
/**
 * Kept when the detector gives at least this and the mesh confirms: windows bring real faces to 0.5–0.93,
 * and the mesh, not the detector, is what rejects patterns.
 */
const MIN_CANDIDATE_KEEP = 0.35;
/**
 * The face mesh's verdict, calibrated on the visible sets (docs/performance.md): the best of two framings
 * gives false finds up to 0.32 (a torso in a 1:3 frame) and most real faces 0.56–1.00; a few real faces score
 * under it, and the mesh's score moves with the box (one panorama face: 0.35 or 0.05), so it is not lowered.
 */
const MIN_MESH_SCORE = 0.4;
/** Context around a candidate for the mesh, tight then loose: its score depends on the framing. */
const CHECK_CONTEXTS = [1.8, 4];
/** Under this many working pixels a face has too little detail for the mesh; framings decide (see below). */
const MESH_MIN_SIDE = 48;
const SMALL_FACE_SCORE = 0.6;
/**
 * The framing check, calibrated on every candidate of the visible sets (docs/performance.md), each cut-off
 * halfway between the classes: in its weakest framing a real face the mesh rejects was found again at 0.73 or
 * more, a false find at 0.64 at most; small real faces at 0.64 or more at 2.6× or 1.8× context, small false
 * finds (gravel, a galaxy field) at 0.33 at most.
 */
const RECHECK_LARGE = 0.68;
const RESCUE_CONTEXTS = [1.4, 2.6, 4];
const RECHECK_SMALL = 0.5;
const SMALL_RECHECK = [2.6, 1.8];
/** A crowd beyond this is checked no further: its crop is decided by the largest faces. */
const MAX_CANDIDATES = 40;
/**
 * A face-shaped candidate this sure is taken as kept for the encodes that start before its check ends: real
 * faces seen in windows score 0.5–0.93, and the checks reject mostly weaker finds. Only speed depends on it.
 */
const LIKELY_FACE = 0.6;

/** A box a face could fill: a detector box far wider or taller than this is something else. */
const faceShaped = (box: Rect) => {
  const aspect = box.width / Math.max(1, box.height);
  return aspect >= 0.6 && aspect <= 1.6;
};

/** How the detector, and the face mesh when it ran, see a candidate in one framing. */
interface View {
  score: number;
  mesh: number;
}

/** A copy of one rectangle of RGB pixels; what lies outside the frame is mid-grey padding. */
function cropPixels(pixels: RgbPixels, rect: Rect): RgbPixels {
  const data = new Uint8Array(rect.width * rect.height * 3).fill(128);
  const left = Math.max(0, rect.x);
  const right = Math.min(pixels.width, rect.x + rect.width);
  if (right <= left) return { data, width: rect.width, height: rect.height };
  for (let row = Math.max(0, -rect.y); row < rect.height && rect.y + row < pixels.height; row++) {
    const from = ((rect.y + row) * pixels.width + left) * 3;
    data.set(pixels.data.subarray(from, from + (right - left) * 3), (row * rect.width + (left - rect.x)) * 3);
  }
  return { data, width: rect.width, height: rect.height };
}

/** A box in working pixels, in source pixels and inside the source. */
function clampToSource(box: Rect, scale: number, bounds: { width: number; height: number }): Rect {
  const x = Math.max(0, box.x / scale);
  const y = Math.max(0, box.y / scale);
  return {
    x,
    y,
    width: Math.min(bounds.width, (box.x + box.width) / scale) - x,
    height: Math.min(bounds.height, (box.y + box.height) / scale) - y
  };
}

/**
 * One turn of the event loop, in a worker or under Node. Not setTimeout: browsers hold nested timeouts back 4 ms,
 * which over 39 outputs would cost more than the overlap gains. Under Node, setImmediate: it runs once the I/O
 * callbacks already due (sharp's finished encodes) have, and a new MessageChannel there costs ~0.4 ms a turn.
 */
function nextTurn(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}

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

/** What of the options an output's crop and bytes depend on. */
type RenderOptionsOf = Pick<OptimizeOptions, 'name' | 'focal' | 'dismissed' | 'added' | 'maxEnlargement'> & {
  copyright: Copyright;
};

/** One render's encoded bytes and what its outputs' results and warnings say of them. */
interface EncodedOutput {
  bytes: Uint8Array;
  format: EncodableFormat;
  quality: number | null;
  width: number;
  height: number;
  /** The budget the bytes are over even at the lowest quality. */
  overBudget?: number;
  /** The format could not carry the copyright notice asked for. */
  noticeLeftOut: boolean;
}

/** What every output of one optimize call is made from, and the renders it has made so far (by `sameFileKey`). */
interface RenderCall {
  image: DecodedImage;
  codec: Codec;
  options: RenderOptionsOf;
  made: Map<string, Promise<EncodedOutput>>;
}

/** An output started before detection ended, from the crop it was chosen with. */
interface EarlyOutput {
  chosen: ResolvedCrop;
  output: Promise<OptimizedOutput>;
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
  /**
   * Every face candidate in the working pixels, found over windows, merged, and each checked again.
   * `onLikelyFaces` hears, before the checks, the candidates they will likely keep.
   */
  async function findFaces(
    pixels: RgbPixels,
    scale: number,
    image: DecodedImage,
    tiled: boolean,
    onLikelyFaces?: (faces: Face[]) => void
  ) {
    const found: WindowedFace[] = [];
    const search = async (windows: readonly Rect[]) => {
      for (const window of windows) {
        const whole = window.width === pixels.width && window.height === pixels.height;
        for (const raw of await host.findFaces(whole ? pixels : cropPixels(pixels, window), false)) {
          const [x, y, width, height] = raw.box;
          found.push({ box: { x: x + window.x, y: y + window.y, width, height }, score: raw.score, window });
        }
      }
    };
    await search(faceWindows(pixels, tiled));
    if (tiled) {
      const coarse = found.filter((face) => face.score >= MIN_CANDIDATE_KEEP).map((face) => face.box);
      await search(smallFaceWindows(pixels, coarse));
    }
    const candidates = mergeWindowed(
      found.filter((face) => face.score >= CANDIDATE_SCORE),
      pixels
    ).slice(0, MAX_CANDIDATES);
    const bounds = { width: image.width, height: image.height };
    const boxes = candidates.map(({ box, score }) => ({
      ...headBox(clampToSource(box, scale, bounds), bounds),
      score
    }));
    onLikelyFaces?.(
      boxes
        .filter((face, index) => face.score >= LIKELY_FACE && faceShaped(candidates[index]!.box))
        .map((face) => ({ ...face, check: { kept: true, by: 'face' } }))
    );
    const faces: Face[] = [];
    for (const [index, { box, score }] of candidates.entries()) {
      faces.push({ ...boxes[index]!, check: await checkFace(pixels, box, score) });
    }
    return faces;
  }

  /**
   * The candidate seen alone with `context` times its size around it: the detector's best score for a find
   * centred on it there, and the face mesh's when `mesh`. At the frame's edge the view is moved inside it, or,
   * when `padded`, it stays centred and grey fills what lies outside — so a large box in a small photo still
   * gets views that differ (moved inside, they would all be the whole photo).
   */
  async function framed(
    pixels: RgbPixels,
    box: Rect,
    context: number,
    { mesh, padded }: { mesh: boolean; padded: boolean }
  ): Promise<View> {
    const wanted = Math.round(context * Math.max(box.width, box.height));
    const side = padded ? wanted : Math.min(Math.max(pixels.width, pixels.height), wanted);
    const centred = (start: number, length: number, span: number) =>
      Math.round(
        padded
          ? start + length / 2 - side / 2
          : Math.min(Math.max(0, start + length / 2 - side / 2), Math.max(0, span - side))
      );
    const region = {
      x: centred(box.x, box.width, pixels.width),
      y: centred(box.y, box.height, pixels.height),
      width: padded ? side : Math.min(side, pixels.width),
      height: padded ? side : Math.min(side, pixels.height)
    };
    const centre = { x: box.x + box.width / 2 - region.x, y: box.y + box.height / 2 - region.y };
    // A detector call settles in microtasks only, so a chain of them never lets the event loop hand over an
    // early encode's result (see optimize): one turn per call lets the next encode start.
    await nextTurn();
    const found = (await host.findFaces(cropPixels(pixels, region), mesh, centre)).filter(
      ({ box: [x, y, width, height] }) =>
        Math.abs(x + width / 2 - centre.x) < width / 2 && Math.abs(y + height / 2 - centre.y) < height / 2
    );
    return {
      score: Math.max(0, ...found.map((face) => face.score)),
      mesh: Math.max(0, ...found.map((face) => face.mesh ?? 0))
    };
  }

  /**
   * Whether the detector finds the candidate again, at `minimum` or more, in `every` framing of `contexts` or in
   * any one of them; framings are tried in order and stop as soon as the answer is known.
   */
  async function foundAgain(
    pixels: RgbPixels,
    box: Rect,
    contexts: readonly number[],
    { minimum, every }: { minimum: number; every: boolean }
  ): Promise<boolean> {
    for (const context of contexts) {
      const found = (await framed(pixels, box, context, { mesh: false, padded: true })).score >= minimum;
      if (found !== every) return found;
    }
    return every;
  }

  /**
   * The second check: the face mesh, a model that only fits a real face, on the candidate seen alone (two
   * framings, as its score depends on the framing), and the box's shape. Where the mesh cannot judge — a
   * face too small for it, or one it cannot fit (a tilted, laughing head) — the detector must find the same
   * face again in other framings: a pattern that looks like a face in one view rarely does in all of them.
   */
  async function checkFace(pixels: RgbPixels, box: Rect, score: number): Promise<FaceCheck> {
    if (score < MIN_CANDIDATE_KEEP) return { kept: false, by: 'low_score' };
    if (!faceShaped(box)) return { kept: false, by: 'shape' };
    if (Math.max(box.width, box.height) < MESH_MIN_SIDE) {
      if (score < SMALL_FACE_SCORE) return { kept: false, by: 'low_score' };
      const again = await foundAgain(pixels, box, SMALL_RECHECK, { minimum: RECHECK_SMALL, every: false });
      return { kept: again, by: 'framings' };
    }
    let mesh = 0;
    const scores: number[] = [];
    for (const context of CHECK_CONTEXTS) {
      const view = await framed(pixels, box, context, { mesh: true, padded: false });
      mesh = Math.max(mesh, view.mesh);
      scores.push(view.score);
      if (mesh >= MIN_MESH_SCORE) return { kept: true, by: 'face', mesh };
    }
    const everywhere =
      Math.min(...scores) >= RECHECK_LARGE &&
      (await foundAgain(pixels, box, RESCUE_CONTEXTS, { minimum: RECHECK_LARGE, every: true }));
    return everywhere ? { kept: true, by: 'framings', mesh } : { kept: false, by: 'mesh', mesh };
  }

  /** `onLikelyAnalysis` hears, before the faces' checks, the analysis they will likely give (see findFaces). */
  async function analyzeDecoded(
    image: DecodedImage,
    tiled = true,
    onLikelyAnalysis?: (analysis: Analysis) => void
  ): Promise<Analysis> {
    const { pixels, scale } = await image.rgb(WORKING_SIDE);
    const source = { width: image.width, height: image.height, scale };
    const started = performance.now();
    const onLikelyFaces =
      onLikelyAnalysis &&
      ((faces: Face[]) => {
        // Without a face, objects or saliency decide, which only the end of detection tells.
        if (faces.length === 0) return;
        const detections = { faces, objects: [] };
        const focal = pickFocal(image, detections, undefined);
        onLikelyAnalysis({ width: image.width, height: image.height, detections, focal, ms: 0 });
      });
    const faces = await findFaces(pixels, scale, image, tiled, onLikelyFaces);
    const faceMs = performance.now() - started;
    // The object detector (~200 ms) only runs on pictures without a face to build the crop around.
    const hasFace = facesActedOn(faces).length > 0;
    const objects = hasFace ? undefined : await host.detect(pixels, source, { faces: false, objects: true });
    const saliencyStart = performance.now();
    const detections = { faces, objects: objects?.objects ?? [] };
    const needsSaliency = !hasFace && detections.objects.length === 0;
    const point = needsSaliency ? saliencyFocal(pixels) : undefined;
    const saliency = point && { x: point.x / scale, y: point.y / scale };
    return {
      width: image.width,
      height: image.height,
      detections,
      focal: pickFocal(image, detections, saliency),
      ms: faceMs + (objects?.ms ?? 0) + (performance.now() - saliencyStart)
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

  /** The page sends the decision its preview shows; the CLI leaves it to this one call of the same function. */
  function chooseCrop(
    image: DecodedImage,
    request: OutputRequest,
    analysis: Analysis | undefined,
    options: RenderOptionsOf
  ): ResolvedCrop {
    return (
      request.resolved ??
      resolveCrop({
        source: image,
        preset: request.preset,
        detections: analysis?.detections ?? { faces: [], objects: [] },
        focal: analysis?.focal,
        user: {
          focal: options.focal,
          dismissed: options.dismissed,
          added: options.added,
          crop: request.crop
        },
        fit: request.fit,
        color: request.color,
        maxEnlargement: options.maxEnlargement
      })
    );
  }

  /**
   * The bytes of `chosen` at the request's size, format, quality and budget. Identical renders of one call are
   * made once (`call.made`, by `sameFileKey`): a third of the work when every preset is asked for.
   */
  function encodeChosen(
    { image, codec, options, made }: RenderCall,
    request: OutputRequest,
    chosen: ResolvedCrop
  ): Promise<EncodedOutput> {
    const { preset } = request;
    const { format, quality, maxBytes } = encodeSettings(request);
    const notice = request.keepMetadata ? options.copyright : {};
    const { crop, fit } = chosen;
    const key = sameFileKey(request, chosen, notice);
    const earlier = made.get(key);
    // A copy: outputs are handed on (transferred out of a worker) one by one, each with its own buffer.
    if (earlier) return earlier.then((encoded) => ({ ...encoded, bytes: encoded.bytes.slice() }));
    const encoding = (async () => {
      checkCrop(crop, image);
      const rendered =
        fit === 'cover'
          ? await image.render(crop, preset, { flatten: format === 'jpeg' })
          : await renderPadded(image, chosen, preset);
      try {
        const room = copyrightOverhead(format, notice);
        const encoder = await encoderFor(rendered, codec, format);
        const encoded = await encodeWithin(encoder, format, quality, maxBytes && maxBytes - room);
        const signed = embedCopyright(encoded.bytes, format, notice);
        return {
          bytes: signed ?? encoded.bytes,
          format,
          quality: encoded.quality,
          width: rendered.width,
          height: rendered.height,
          overBudget: !encoded.fits && maxBytes !== undefined ? maxBytes : undefined,
          noticeLeftOut: !signed
        };
      } finally {
        rendered.dispose();
      }
    })();
    made.set(key, encoding);
    return encoding;
  }

  /** The output of `chosen`; its result names no detections, which the caller sets. */
  async function renderOne(
    call: RenderCall,
    request: OutputRequest,
    chosen: ResolvedCrop
  ): Promise<OptimizedOutput> {
    const { preset } = request;
    const encoded = await encodeChosen(call, request, chosen);
    const { bytes, format } = encoded;
    const warnings: OutputWarning[] = [...chosen.warnings];
    if (encoded.noticeLeftOut) {
      warnings.push({
        code: 'metadata_not_kept',
        message: `${format.toUpperCase()} outputs cannot carry the copyright notice here; it was left out.`
      });
    }
    if (chosen.crop.width < preset.width || chosen.crop.height < preset.height) {
      warnings.push({
        code: 'upscaled',
        message: `The source area (${chosen.crop.width}×${chosen.crop.height}) is smaller than ${preset.width}×${preset.height}: it was enlarged and may look soft.`
      });
    }
    if (encoded.overBudget !== undefined) {
      warnings.push({
        code: 'over_budget',
        message: `${Math.round(bytes.byteLength / 1024)} KB is over the ${Math.round(encoded.overBudget / 1024)} KB limit even at the lowest quality.`
      });
    }
    const result: OptimizeResult = {
      source: call.options.name,
      preset: preset.id,
      crop: chosen.crop,
      cropStrategy: chosen.strategy,
      fit: chosen.fit,
      placement: chosen.placement,
      width: encoded.width,
      height: encoded.height,
      bytes: bytes.byteLength,
      format,
      quality: encoded.quality,
      detections: { faces: [], objects: [] },
      warnings,
      ...(chosen.zoom ? { zoom: chosen.zoom } : {})
    };
    return { result, bytes };
  }

  /**
   * Detection; and where the codec encodes aside, while the faces' checks run, the requests `take` hands out
   * started by `encode` from the analysis the checks will likely give, into `early` by index — one at a time,
   * each after the last one's encode, so the detector keeps its core.
   */
  async function analyzeEncodingEarly(
    image: DecodedImage,
    codec: Codec,
    take: () => number | undefined | Promise<number | undefined>,
    early: Map<number, EarlyOutput>,
    encode: (index: number, likely: Analysis) => EarlyOutput
  ): Promise<Analysis> {
    const undo = codec.encodeAside?.();
    let checking = true;
    const encodeEarly = async (likely: Analysis) => {
      for (let index = checking ? await take() : undefined; index !== undefined;) {
        const started = encode(index, likely);
        early.set(index, started);
        await started.output.catch(() => undefined);
        index = checking ? await take() : undefined;
      }
    };
    try {
      return await analyzeDecoded(
        image,
        true,
        undo && ((likely) => void encodeEarly(likely).catch(() => undefined))
      );
    } finally {
      checking = false;
      undo?.();
    }
  }

  /**
   * Renders the requests whose indices `take` hands out, one at a time, until it returns undefined; entries of
   * requests not taken are undefined.
   */
  async function renderTaken(
    bytes: Uint8Array,
    requests: readonly OutputRequestInput[],
    input: OptimizeOptionsInput,
    decoded: Decoded | undefined,
    take: () => number | undefined | Promise<number | undefined>,
    each?: EachOutput
  ): Promise<(OptimizedOutput | undefined)[]> {
    const parsedOptions = OptimizeOptionsSchema.safeParse(input);
    if (!parsedOptions.success) {
      throw new ImageError('invalid_options', `Invalid options: ${parsedOptions.error.issues[0]?.message}`);
    }
    const options = parsedOptions.data;
    const parsed = parseRequests(requests);
    const needsDetection =
      !options.analysis && options.detect && parsed.some((request) => !request.resolved && !request.crop);
    if (needsDetection) host.prepareDetector?.();
    return withDecoded(
      bytes,
      async (image, codec) => {
        const copyright = parsed.some((request) => request.keepMetadata) ? readCopyright(bytes) : {};
        const call: RenderCall = { image, codec, options: { ...options, copyright }, made: new Map() };
        const requestAt = (index: number) => {
          const request = parsed[index];
          if (!request) throw new RangeError(`No request ${index} of ${parsed.length}.`);
          return request;
        };
        const early = new Map<number, EarlyOutput>();
        const analysis =
          options.analysis ??
          (needsDetection
            ? await analyzeEncodingEarly(image, codec, take, early, (index, likely) => {
                const request = requestAt(index);
                const chosen = chooseCrop(image, request, likely, call.options);
                return { chosen, output: renderOne(call, request, chosen) };
              })
            : undefined);
        const detections = analysis?.detections ?? { faces: [], objects: [] };
        const outputs: Promise<OptimizedOutput>[] = [];
        const start = async (index: number) => {
          const request = requestAt(index);
          const chosen = chooseCrop(image, request, analysis, call.options);
          const started = early.get(index);
          // Encoded early from the likely faces: kept when the checked ones chose the same crop.
          const same = started && JSON.stringify(started.chosen) === JSON.stringify(chosen);
          const output = (same ? started.output : renderOne(call, request, chosen)).then(
            async ({ result, bytes }) => {
              const made = { result: { ...result, detections }, bytes };
              await each?.(made, index);
              return made;
            }
          );
          // Awaited below with the others; caught here so a failure while later ones start is not unhandled.
          output.catch(() => undefined);
          outputs[index] = output;
          // All at once: sharp spreads them over its thread pool. A turn of the event loop after each start
          // lets its encode begin before the next crop is chosen on this thread, instead of after all of them.
          if (!same) await nextTurn();
        };
        for (const index of early.keys()) await start(index);
        for (let index = await take(); index !== undefined; index = await take()) await start(index);
        // Every output settles before the call does, failed or not: nothing made from this source (an encode, a
        // file being written by `each`) still runs once the caller has moved on or the source is disposed.
        const settled = await Promise.allSettled(parsed.map((_, index) => outputs[index]));
        const failed = settled.find((outcome) => outcome.status === 'rejected');
        if (failed) throw failed.reason;
        return settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined));
      },
      decoded
    );
  }

  return {
    /**
     * Size after EXIF orientation, face and object boxes, and one focal point. `tiled: false` runs the face
     * detector on the whole frame only, as it was before windows (kept for the accuracy comparison).
     */
    analyze(bytes: Uint8Array, options: { tiled?: boolean } = {}): Promise<Analysis> {
      host.prepareDetector?.();
      return withDecoded(bytes, (image) => analyzeDecoded(image, options.tiled ?? true));
    },

    /**
     * Decodes once and renders every request from the same pixels; results come in request order.
     * Detection runs once, unless a previous analysis or a focal point is passed in, or every request
     * brings its own crop. `decoded`, when given, is these bytes already decoded (by the page, so a source
     * split over workers is decoded once); it is disposed here like the optimizer's own. `each` sees every
     * output as soon as it is made.
     */
    async optimize(
      bytes: Uint8Array,
      requests: readonly OutputRequestInput[],
      input: OptimizeOptionsInput = {},
      decoded?: Decoded,
      each?: EachOutput
    ): Promise<OptimizedOutput[]> {
      // Largest first: the outputs still to make when detection ends are the small ones, which share the
      // cores evenly to the end. Ordered at the first take, once the requests are known to be valid.
      let queue: number[] | undefined;
      const outputs = await renderTaken(
        bytes,
        requests,
        input,
        decoded,
        () => (queue ??= largestFirst(requests.map((request) => request.preset))).shift(),
        each
      );
      return outputs.filter((output): output is OptimizedOutput => output !== undefined);
    },

    /**
     * As `optimize`, for one of several workers sharing a source: renders the requests whose indices `take`
     * hands out, one at a time, until it returns undefined; the others' entries are undefined.
     */
    optimizeTaken: renderTaken
  };
}

export type Optimizer = ReturnType<typeof createOptimizer>;
