import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import type { DeviceModel } from '$core/ai/models';
import type { Rgba } from '$core/ai/raster';
import { createEngine, type Engine } from './engine';
import type { Codec } from './operations';

const require = createRequire(import.meta.url);
/** The project folder (where package.json is), from this module's source or from the CLI's bundle in dist/. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** A package's folder (UpscalerJS's exports map hides package.json, so walk up from its entry point). */
function packageDir(name: string): string {
  const entry = require.resolve(name);
  return entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}`.length);
}

const modelDir = (model: DeviceModel) =>
  model.vendored
    ? join(projectRoot(), model.vendored)
    : join(packageDir(model.origin.package), model.origin.folder);

let engine: Engine | undefined;

/** The on-device models under Node (CLI, tests, bench), read straight from the packages that ship them. */
export const nodeEngine = (): Engine =>
  (engine ??= createEngine({
    wasmPath: `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`,
    read: async (model, file) => new Uint8Array(await readFile(join(modelDir(model), file)))
  }));

const raw = async (pipeline: Sharp): Promise<Rgba> => {
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height
  };
};

/** sharp, with EXIF orientation applied as the browser does. */
export const sharpCodec: Codec = {
  decode: (bytes) => raw(sharp(bytes).rotate()),
  decodeCovering: (bytes, width, height) =>
    raw(sharp(bytes).rotate().resize(width, height, { fit: 'cover' })),
  encode: async (image, mime) => {
    const pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });
    const encoded =
      mime === 'image/png'
        ? pipeline.png()
        : mime === 'image/webp'
          ? pipeline.webp({ quality: 90, alphaQuality: 100 })
          : pipeline.flatten().jpeg({ quality: 92 });
    return new Uint8Array(await encoded.toBuffer());
  }
};
