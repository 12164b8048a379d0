import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { FitModeSchema, HexColorSchema, MaxEnlargementSchema } from '$core/crop/schema';
import { toImageError } from '$core/errors/image-error';
import { EncodableFormatSchema } from '$core/image/operations';
import { outputFileName } from '$core/optimize/file-name';
import type { OptimizeReport } from '$core/optimize/schema';
import { resolvePresets } from '$core/platforms/select';
import { readBytes, writeAtomically } from './files';
import { UsageError } from './usage';

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      presets: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      quality: { type: 'string' },
      fit: { type: 'string' },
      color: { type: 'string' },
      'max-enlarge': { type: 'string' },
      json: { type: 'boolean', default: false }
    }
  });
  const files = positionals;
  if (files.length === 0) throw new UsageError('Name at least one image file.');
  if (!values.presets) throw new UsageError('--presets is required.');
  if (!values.out) throw new UsageError('--out is required.');
  const format = values.format === undefined ? undefined : EncodableFormatSchema.safeParse(values.format);
  if (format && !format.success) throw new UsageError(`--format must be one of jpeg, png, webp, avif.`);
  const quality = values.quality === undefined ? undefined : Number(values.quality);
  if (quality !== undefined && !(Number.isInteger(quality) && quality >= 1 && quality <= 100)) {
    throw new UsageError('--quality must be a whole number from 1 to 100.');
  }
  const fit = values.fit === undefined ? undefined : FitModeSchema.safeParse(values.fit);
  if (fit && !fit.success) throw new UsageError('--fit must be one of cover, pad-blur, pad-color.');
  const color = values.color === undefined ? undefined : HexColorSchema.safeParse(values.color);
  if (color && !color.success) throw new UsageError('--color must be written #rrggbb.');
  const enlarge = values['max-enlarge'];
  const maxEnlargement = enlarge === undefined ? undefined : MaxEnlargementSchema.safeParse(Number(enlarge));
  if (maxEnlargement && !maxEnlargement.success)
    throw new UsageError('--max-enlarge must be a number from 1 to 2.');
  return {
    files,
    maxEnlargement: maxEnlargement?.data,
    fit: fit?.data,
    color: color?.data,
    presets: resolvePresets(values.presets),
    out: values.out,
    format: format?.data,
    quality,
    json: values.json
  };
}

/** `image-studio optimize <files…> …`: every file to every preset, one bad file skipped and reported. */
export async function run(args: string[]): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(args);
  } catch (error) {
    // An unknown option or preset is a mistake in the command line too.
    throw error instanceof UsageError
      ? error
      : new UsageError(error instanceof Error ? error.message : String(error));
  }
  // Loaded here, not at the top: sharp, magick-wasm and the detector are what `--help` must not wait for.
  const { nodeOptimizer } = await import('../workers/optimize/node-optimizer');
  await mkdir(options.out, { recursive: true });
  const report: OptimizeReport = { outputs: [], failures: [] };
  const requests = options.presets.map((preset) => ({
    preset,
    format: options.format,
    quality: options.quality,
    fit: options.fit,
    color: options.color
  }));
  for (const file of options.files) {
    const source = basename(file);
    try {
      const bytes = await readBytes(file);
      // Each file is written as soon as it is made, while the others still encode.
      const outputs = await nodeOptimizer().optimize(
        bytes,
        requests,
        { name: source, maxEnlargement: options.maxEnlargement },
        undefined,
        ({ result, bytes: encoded }) =>
          writeAtomically(join(options.out, outputFileName({ ...result, source })), encoded)
      );
      for (const { result } of outputs) {
        const name = outputFileName({ ...result, source });
        report.outputs.push({ ...result, file: name });
        if (!options.json) {
          process.stdout.write(
            `${source} → ${name} (${result.width}×${result.height}, ${Math.round(result.bytes / 1024)} KB` +
              `${result.quality === null ? '' : `, q${result.quality}`})` +
              `${result.warnings.map((warning) => `\n  ! ${warning.message}`).join('')}\n`
          );
        }
      }
    } catch (error) {
      const failure = toImageError(
        (error as NodeJS.ErrnoException)?.code === 'ENOENT' ? new Error(`${file} does not exist`) : error
      );
      report.failures.push({ source, error: failure.toJSON() });
      if (!options.json) process.stderr.write(`${source}: skipped — ${failure.message}\n`);
    }
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const succeeded = options.files.length - report.failures.length;
  return succeeded > 0 ? 0 : 1;
}
