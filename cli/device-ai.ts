import { mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CutoutFormatSchema,
  UpscaleModelSchema,
  type DeviceReport,
  type DeviceResult
} from '$core/ai/schema';
import { toImageError } from '$core/errors/image-error';
import { nodeEngine, sharpCodec } from '../workers/ai/node-ai';
import { cutout, upscale } from '../workers/ai/operations';
import { readBytes, writeAtomically } from './files';
import { UsageError } from './usage';

function parse(command: 'cutout' | 'upscale', args: string[]) {
  const { values, positionals: files } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      format: { type: 'string', default: 'png' },
      scale: { type: 'string' },
      model: { type: 'string', default: 'slim' },
      json: { type: 'boolean', default: false }
    }
  });
  if (files.length === 0) throw new UsageError('Name at least one image file.');
  if (!values.out) throw new UsageError('--out is required.');
  if (command === 'cutout') {
    const format = CutoutFormatSchema.safeParse(values.format);
    if (!format.success) throw new UsageError('--format must be png or webp.');
    return { command, files, out: values.out, json: values.json, format: format.data } as const;
  }
  const scale = Number(values.scale);
  if (scale !== 2 && scale !== 4) throw new UsageError('--scale must be 2 or 4.');
  const model = UpscaleModelSchema.safeParse(values.model);
  if (!model.success) throw new UsageError('--model must be slim or medium.');
  return { command: 'upscale', files, out: values.out, json: values.json, scale, model: model.data } as const;
}

const extensions: Record<DeviceResult['mime'], string> = {
  'image/png': 'png',
  'image/webp': 'webp',
  'image/jpeg': 'jpg'
};

/** `image-studio cutout|upscale`: each file on its own, so one bad file never stops the others. */
export async function runDevice(command: 'cutout' | 'upscale', args: string[]): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(command, args);
  } catch (error) {
    // parseArgs's own errors (an unknown option) are usage errors too.
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
  await mkdir(options.out, { recursive: true });
  const report: DeviceReport = { outputs: [], failures: [] };
  for (const file of options.files) {
    const source = basename(file);
    try {
      const bytes = await readBytes(file);
      const result =
        options.command === 'cutout'
          ? await cutout(nodeEngine(), sharpCodec, bytes, { format: options.format })
          : await upscale(nodeEngine(), sharpCodec, bytes, { scale: options.scale, model: options.model });
      const suffix = options.command === 'cutout' ? 'cutout' : `x${options.scale}`;
      const name = `${basename(source, extname(source))}_${suffix}.${extensions[result.mime]}`;
      await writeAtomically(join(options.out, name), result.bytes);
      report.outputs.push({
        source,
        file: name,
        width: result.width,
        height: result.height,
        bytes: result.bytes.byteLength,
        ms: result.ms
      });
      if (!options.json)
        process.stdout.write(
          `${source} → ${name} (${result.width}×${result.height}, ${Math.round(result.bytes.byteLength / 1024)} KB, ${(result.ms.total / 1000).toFixed(1)} s)\n`
        );
    } catch (error) {
      const failure = toImageError(
        (error as NodeJS.ErrnoException)?.code === 'ENOENT' ? new Error(`${file} does not exist`) : error
      );
      report.failures.push({ source, error: failure.toJSON() });
      if (!options.json) process.stderr.write(`${source}: skipped — ${failure.message}\n`);
    }
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return options.files.length > report.failures.length ? 0 : 1;
}
