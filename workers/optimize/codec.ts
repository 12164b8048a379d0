import type { Rect, Size } from '$core/geometry/rect';
import type { EncodableFormat } from '$core/image/format';
import type { RgbPixels } from '../vision/detect';

/**
 * One decoded source, upright (EXIF orientation applied) and in sRGB. Every output of a source is rendered
 * from the same decoded image, so a source is decoded once however many presets it goes to.
 */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** Upright RGB with the long side at most `maxSide`, for detectors; `scale` is its width over the source's. */
  rgb(maxSide: number): Promise<{ pixels: RgbPixels; scale: number }>;
  /** Crops `crop` (source pixels) and scales it to exactly `size` with a Lanczos-class filter. */
  render(crop: Rect, size: Size, options: RenderOptions): Promise<RenderedImage>;
  dispose(): void;
}

export interface RenderOptions {
  /** Flatten transparency onto white (for JPEG): a transparent pixel must not turn black. */
  flatten: boolean;
}

export interface RenderedImage {
  readonly width: number;
  readonly height: number;
  /** Encodes without metadata; `quality` 1–100 is ignored by PNG. */
  encode(format: EncodableFormat, quality: number): Promise<Uint8Array>;
  /** Straight (non-premultiplied) RGBA, for an encoder of another codec. */
  rgba(): Promise<Uint8Array>;
  dispose(): void;
}

/** Decoders, scalers and encoders of one host: the browser's own, magick-wasm, or sharp under Node. */
export interface Codec {
  readonly name: string;
  decode(bytes: Uint8Array): Promise<DecodedImage>;
  /** Formats `RenderedImage.encode` can write; others go through `encodeRgba` of a codec that can. */
  readonly encodes: readonly EncodableFormat[];
  encodeRgba?(rgba: Uint8Array, size: Size, format: EncodableFormat, quality: number): Promise<Uint8Array>;
  /**
   * Where encodes run on threads of their own, off the one detection runs on: keeps the encodes started from
   * now on to one thread, so they leave detection a core, and returns the undo. With it, the optimizer starts
   * encoding during the face candidates' checks, from the crops the faces they will likely keep choose; an
   * output is kept where the checked faces choose the same crop, and made again where not.
   */
  encodeAside?(): () => void;
}
