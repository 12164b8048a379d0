import { fileExtensions, type EncodableFormat } from '../image/format';

export const DEFAULT_NAME_TEMPLATE = '{name}_{preset}_{width}x{height}.{ext}';

export interface NameParts {
  /** The source file name; any folder and the extension are dropped. */
  source: string;
  preset: string;
  width: number;
  height: number;
  /** An encodable format (written with its usual extension: jpeg → jpg), or the extension itself (mp4, glb). */
  format: EncodableFormat | (string & {});
}

const extensionOf = (format: NameParts['format']): string =>
  (fileExtensions as Record<string, string>)[format] ?? format;

/** Characters no file system or ZIP reader objects to; the rest become "-". */
const unsafe = /[^\p{L}\p{N}._ -]+/gu;

/**
 * The output's file name from a template with `{name}`, `{preset}`, `{width}`, `{height}` and `{ext}`. Never
 * a path: separators and other unsafe characters are replaced, so a name cannot escape the output folder.
 */
export function outputFileName(parts: NameParts, template = DEFAULT_NAME_TEMPLATE): string {
  const file = parts.source.split(/[\\/]/).pop() ?? '';
  const name = file.replace(/\.[^.]*$/, '') || 'image';
  const values: Record<string, string> = {
    name,
    preset: parts.preset,
    width: String(parts.width),
    height: String(parts.height),
    ext: extensionOf(parts.format)
  };
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  const safe = filled
    .replace(unsafe, '-')
    .replace(/^[.\s]+/, '')
    .trim();
  return safe || `image.${extensionOf(parts.format)}`;
}
