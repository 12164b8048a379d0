import { mkdir, readFile } from 'node:fs/promises';
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
import { writeAtomically } from './files';

export const deviceUsage = `Usage: image-studio cutout <files…> --out <dir> [--format png|webp] [--json]
       image-studio upscale <files…> --scale 2|4 --out <dir> [--model slim|medium] [--json]

  cutout    removes the background behind the people in each photo (on this machine, no key, no network):
            writes {name}_cutout.{png|webp} with transparency
  upscale   enlarges each photo ×2 or ×4 with ESRGAN (slim by default: medium is 3× slower for +0.1 dB):
            writes {name}_x{scale}.{jpg|png} (JPEG sources stay JPEG)
  --json    print one JSON report (outputs with timings, and failures) instead of lines of text

Exit code: 0 when at least one file was done, 1 when every file failed, 2 for a usage error.`;

export class DeviceUsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      format: { type: 'string', default: 'png' },
      scale: { type: 'string' },
      model: { type: 'string', default: 'slim' },
      json: { type: 'boolean', default: false }
    }
  });
  const [command, ...files] = positionals;
  if (files.length === 0) throw new DeviceUsageError('Name at least one image file.');
  if (!values.out) throw new DeviceUsageError('--out is required.');
  if (command === 'cutout') {
    const format = CutoutFormatSchema.safeParse(values.format);
    if (!format.success) throw new DeviceUsageError('--format must be png or webp.');
    return { command, files, out: values.out, json: values.json, format: format.data } as const;
  }
  const scale = Number(values.scale);
  if (scale !== 2 && scale !== 4) throw new DeviceUsageError('--scale must be 2 or 4.');
  const model = UpscaleModelSchema.safeParse(values.model);
  if (!model.success) throw new DeviceUsageError('--model must be slim or medium.');
  return { command: 'upscale', files, out: values.out, json: values.json, scale, model: model.data } as const;
}

const extensions: Record<DeviceResult['mime'], string> = {
  'image/png': 'png',
  'image/webp': 'webp',
  'image/jpeg': 'jpg'
};

/** `image-studio cutout|upscale`: each file on its own, so one bad file never stops the others. */
export async function deviceCommand(argv: string[]): Promise<number> {
  const options = parse(argv);
  await mkdir(options.out, { recursive: true });
  const report: DeviceReport = { outputs: [], failures: [] };
  for (const file of options.files) {
    const source = basename(file);
    try {
      const bytes = new Uint8Array(await readFile(file));
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
