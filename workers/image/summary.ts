import { dominantColours } from '$core/library/colours';
import { THUMBNAIL_SIDE, type ExifFacts, type ImageSummary } from '$core/library/summary';
import { exifDateToIso } from '$core/library/tags';
import { pingImage } from './decode';
import { decodeRgb, probe, resize } from './image-ops';

/** Camera make and model as people say them ("SONY ILCE-7M2", not "Canon Canon EOS R5"). */
function cameraName(make: string | null, model: string | null): string | undefined {
  const parts = [make?.trim(), model?.trim()].filter(Boolean) as string[];
  if (parts.length === 2 && parts[1]?.toLowerCase().startsWith(parts[0]?.toLowerCase() ?? '')) parts.shift();
  return parts.join(' ') || undefined;
}

async function readExif(bytes: Uint8Array): Promise<ExifFacts> {
  const { image } = await pingImage(bytes);
  try {
    return {
      camera: cameraName(image.getAttribute('exif:Make'), image.getAttribute('exif:Model')),
      takenAt: exifDateToIso(
        image.getAttribute('exif:DateTimeOriginal') ?? image.getAttribute('exif:DateTime')
      )
    };
  } finally {
    image.dispose();
  }
}

/**
 * One look at an image for the library: a WebP thumbnail (never upscaled), the upright size, EXIF camera and
 * date, and the dominant colours (read from the thumbnail, which is plenty for "mostly blue").
 */
export async function summarise(bytes: Uint8Array): Promise<ImageSummary> {
  const info = await probe(bytes);
  const exif = await readExif(bytes);
  const side = Math.min(THUMBNAIL_SIDE, Math.max(info.width, info.height));
  const thumbnail = await resize(bytes, {
    width: side,
    height: side,
    fit: 'inside',
    format: 'webp',
    quality: 75
  });
  const { pixels } = await decodeRgb(thumbnail.bytes, 48);
  return {
    format: info.format,
    width: info.width,
    height: info.height,
    exif,
    colours: dominantColours(pixels.data),
    thumbnail: { bytes: thumbnail.bytes, width: thumbnail.width, height: thumbnail.height }
  };
}
