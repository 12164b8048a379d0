/**
 * Checks a binary glTF (GLB) before the viewer hands it to a WebGL loader, so a bad file gets a message a person
 * can act on instead of a parser's stack trace. Only the container is read: header, JSON chunk, optional BIN chunk.
 */

export type GlbProblem = 'not_glb' | 'truncated' | 'unsupported_version' | 'needs_decoder' | 'external_files';

export class GlbError extends Error {
  override readonly name = 'GlbError';
  constructor(
    readonly problem: GlbProblem,
    message: string
  ) {
    super(message);
  }
}

export interface GlbContents {
  json: {
    asset?: { version?: string };
    extensionsRequired?: string[];
    meshes?: unknown[];
    buffers?: { uri?: string }[];
    images?: { uri?: string }[];
  };
  bin?: Uint8Array;
}

const MAGIC = 0x46546c67; // "glTF"
const JSON_CHUNK = 0x4e4f534a; // "JSON"
const BIN_CHUNK = 0x004e4942; // "BIN\0"

/**
 * Extensions whose data cannot be read without a decoder module. The viewer ships none (they would be fetched
 * from elsewhere or weigh more than the viewer), so such a model is refused by name.
 */
const decoderExtensions: Record<string, string> = {
  KHR_draco_mesh_compression: 'Draco mesh compression',
  EXT_meshopt_compression: 'meshopt compression',
  KHR_meshopt_compression: 'meshopt compression',
  KHR_texture_basisu: 'KTX2 (Basis) textures'
};

export function readGlb(bytes: Uint8Array): GlbContents {
  if (bytes.length < 12) throw new GlbError('not_glb', 'This file is not a GLB 3D model (it is too short).');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC)
    throw new GlbError('not_glb', 'This file is not a GLB 3D model (it does not start with "glTF").');
  const version = view.getUint32(4, true);
  if (version !== 2)
    throw new GlbError('unsupported_version', `This is a glTF ${version} model; only glTF 2 can be shown.`);
  const declared = view.getUint32(8, true);
  if (declared > bytes.length || bytes.length < 20)
    throw new GlbError('truncated', 'This 3D model is cut short: the file ends before its data does.');

  let json: GlbContents['json'] | undefined;
  let bin: Uint8Array | undefined;
  for (let offset = 12; offset + 8 <= declared;) {
    const length = view.getUint32(offset, true);
    const type = view.getUint32(offset + 4, true);
    const start = offset + 8;
    if (start + length > declared)
      throw new GlbError('truncated', 'This 3D model is cut short: a chunk runs past the end of the file.');
    const data = bytes.subarray(start, start + length);
    if (type === JSON_CHUNK && !json) json = parseJson(data);
    else if (type === BIN_CHUNK && !bin) bin = data;
    offset = start + length;
  }
  if (!json) throw new GlbError('not_glb', 'This GLB has no scene description (no JSON chunk).');

  const needed = (json.extensionsRequired ?? [])
    .map((name) => decoderExtensions[name])
    .filter((label): label is string => Boolean(label));
  if (needed.length > 0)
    throw new GlbError(
      'needs_decoder',
      `This model uses ${[...new Set(needed)].join(' and ')}, which the viewer cannot decode. Download it to open it in a 3D app.`
    );
  // A loader would fetch these relative to the page (or from anywhere a URL points): the viewer fetches nothing.
  const outside = [...(json.buffers ?? []), ...(json.images ?? [])].filter(
    (item) => typeof item.uri === 'string' && !item.uri.startsWith('data:')
  );
  if (outside.length > 0)
    throw new GlbError(
      'external_files',
      `This model refers to ${outside.length} file${outside.length === 1 ? '' : 's'} outside itself; only self-contained GLB files can be shown.`
    );
  return bin ? { json, bin } : { json };
}

function parseJson(data: Uint8Array): GlbContents['json'] {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(data));
    if (parsed && typeof parsed === 'object') return parsed as GlbContents['json'];
  } catch {
    // Falls through to the same error as a JSON chunk that is not an object.
  }
  throw new GlbError('not_glb', 'This GLB is damaged: its scene description is not valid JSON.');
}
