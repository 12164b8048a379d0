import { outputFileName } from '../optimize/file-name';

/** What a download needs to know about one version of an asset. */
export interface NamedVersion {
  /** The asset's name, usually the file it came from (`person-nicole.jpg · instagram-story`). */
  name: string;
  mime: string;
  width: number;
  height: number;
  /** The operation that made the version (`import`, `optimize`, `resize`…) and its parameters. */
  operation: string;
  params?: unknown;
}

/** The file format a mime type names, as an extension would: image/jpeg → jpeg, model/gltf-binary → glb. */
export const formatOfMime = (mime: string): string =>
  mime === 'model/gltf-binary' ? 'glb' : (mime.split('/')[1] ?? 'bin').replace(/\+.*$/, '');

/** The preset a version was made for, or else the operation that made it; an import is the original. */
function labelOf(version: NamedVersion): string {
  const params = version.params as { preset?: unknown } | undefined;
  if (typeof params?.preset === 'string' && params.preset) return params.preset;
  return version.operation === 'import' ? 'original' : version.operation;
}

/**
 * A downloaded file says what it is, as the Social Optimizer's exports do: `{name}_{preset or operation}_
 * {width}x{height}.{ext}`, so three sizes of one photo never land under one name.
 */
export function assetFileName(version: NamedVersion): string {
  return outputFileName({
    source: version.name.replace(/ · .*$/, ''),
    preset: labelOf(version),
    width: version.width,
    height: version.height,
    format: formatOfMime(version.mime)
  });
}
