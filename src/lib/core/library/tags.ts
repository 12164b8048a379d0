export const tagKinds = [
  'object',
  'faces',
  'orientation',
  'colour',
  'size',
  'source',
  'provider',
  'prompt',
  'camera',
  'date',
  'user'
] as const;
export type TagKind = (typeof tagKinds)[number];

export interface AutoTag {
  tag: string;
  kind: TagKind;
}

export interface TaggingInput {
  objectLabels: readonly string[];
  faceCount: number;
  width: number;
  height: number;
  colours: readonly string[];
  source: string;
  provider?: string;
  prompt?: string;
  exif?: { camera?: string; takenAt?: string };
}

const stopWords = new Set([
  ...'a an and are as at be by for from in into is it of on or over the this that to under with without very'.split(
    ' '
  ),
  ...'photo image picture style high quality detailed realistic ultra 4k 8k hd'.split(' ')
]);

/** The words of a prompt worth searching by: lowercase, no stop words, each once, in order. */
export function promptKeywords(prompt: string, limit = 12): string[] {
  const words = prompt.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const kept = words.filter((word) => word.length >= 3 && !stopWords.has(word));
  return [...new Set(kept)].slice(0, limit);
}

export function orientationOf(width: number, height: number): 'landscape' | 'portrait' | 'square' {
  if (Math.abs(width - height) <= Math.max(width, height) * 0.05) return 'square';
  return width > height ? 'landscape' : 'portrait';
}

/** By the long side: what it is good for without upscaling. */
export function sizeClassOf(width: number, height: number): 'small' | 'medium' | 'large' | 'huge' {
  const side = Math.max(width, height);
  if (side < 800) return 'small';
  if (side < 2000) return 'medium';
  if (side < 4000) return 'large';
  return 'huge';
}

/** EXIF writes "2017:10:31 20:16:18"; ISO 8601 is what the rest of the app reads. */
export function exifDateToIso(value: string | null | undefined): string | undefined {
  const match = value?.match(/^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}`;
}

/** Everything the tagger knows about an image, as searchable tags. */
export function deriveTags(input: TaggingInput): AutoTag[] {
  const tags: AutoTag[] = [];
  const add = (tag: string | undefined, kind: TagKind) => {
    const clean = tag?.trim().toLowerCase();
    if (clean && !tags.some((existing) => existing.tag === clean)) tags.push({ tag: clean, kind });
  };
  for (const label of input.objectLabels) add(label, 'object');
  if (input.faceCount > 0) {
    add(input.faceCount === 1 ? '1 face' : `${input.faceCount} faces`, 'faces');
    add('faces', 'faces');
    if (input.faceCount >= 3) add('group', 'faces');
  }
  if (input.width > 0 && input.height > 0) {
    add(orientationOf(input.width, input.height), 'orientation');
    add(sizeClassOf(input.width, input.height), 'size');
  }
  for (const colour of input.colours) add(colour, 'colour');
  add(input.source, 'source');
  add(input.provider, 'provider');
  for (const word of promptKeywords(input.prompt ?? '')) add(word, 'prompt');
  add(input.exif?.camera, 'camera');
  add(input.exif?.takenAt?.slice(0, 4), 'date');
  return tags;
}
