import { z } from 'zod';
import { GenerateOperationSchema, MAX_VARIATIONS, type GenerateOperation } from '../operations/generate';
import { findModel, modelsFor } from '../operations/models';
import { resolvePresets } from '../platforms';
import { ProviderIdSchema, providerIds } from '../providers';

/** The CSV's columns, in the order the example file lists them. Only `prompt` is required. */
export const csvColumns = [
  'prompt',
  'negative_prompt',
  'provider',
  'model',
  'presets',
  'variations',
  'seed',
  'style',
  'persona',
  'campaign',
  'schedule'
] as const;
export type CsvColumn = (typeof csvColumns)[number];

export const DEFAULT_PROVIDER = 'stability';

/** One good row, ready to enqueue: the generate operation plus what the batch does with its results. */
export const CsvRowSchema = z.object({
  line: z.number().int().positive(),
  operation: GenerateOperationSchema,
  /** Preset ids the results are optimized for (generate → optimize step); empty means none. */
  presets: z.array(z.string()),
  persona: z.string().optional(),
  campaign: z.string().optional(),
  /** Epoch ms; the row waits until then. */
  scheduleAt: z.number().optional()
});
export type CsvRow = z.infer<typeof CsvRowSchema>;

export interface RowProblem {
  line: number;
  column: number;
  field: CsvColumn | 'encoding' | 'row';
  message: string;
}

/** `2026-12-01 09:30`, `2026-12-01T09:30`, with optional seconds and zone; a bare date means midnight. */
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseScheduleTime(text: string): number | undefined {
  if (!DATE_PATTERN.test(text)) return undefined;
  const iso = text.length === 10 ? `${text}T00:00` : text.replace(' ', 'T');
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  // Date.parse rolls 2026-02-30 over to March; a date that does not survive the round trip is malformed.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const local = new Date(y!, m! - 1, d!);
  return local.getMonth() === m! - 1 && local.getDate() === d ? at : undefined;
}

const fieldOfPath: Record<string, CsvColumn> = {
  prompt: 'prompt',
  negativePrompt: 'negative_prompt',
  provider: 'provider',
  model: 'model',
  variations: 'variations',
  seed: 'seed',
  stylePreset: 'style'
};

const whole = (text: string): number | undefined => (/^-?\d+$/.test(text) ? Number(text) : undefined);

/**
 * Turns one CSV record into a row or its problems, each at the column it belongs to. The operation is validated
 * by the same GenerateOperationSchema the Create page and the proxy use, so a row that passes here is one the
 * proxy accepts.
 */
export function validateRecord(
  record: Partial<Record<CsvColumn, string>>,
  line: number,
  columnOf: (field: CsvColumn) => number
): { row: CsvRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (field: CsvColumn, message: string) =>
    problems.push({ line, column: columnOf(field), field, message });
  const value = (field: CsvColumn) => (record[field] ?? '').trim();

  const providerText = value('provider').toLowerCase() || DEFAULT_PROVIDER;
  const provider = ProviderIdSchema.safeParse(providerText);
  if (!provider.success)
    problem('provider', `Unknown provider "${providerText}". Use one of: ${providerIds.join(', ')}.`);

  let model = value('model');
  if (provider.success) {
    if (!model) model = modelsFor(provider.data, 'generate')[0]?.id ?? '';
    else if (!findModel(provider.data, model)?.operations.includes('generate'))
      problem('model', `"${model}" is not a ${provider.data} model that generates images.`);
  }

  const variationsText = value('variations');
  const variations = variationsText ? whole(variationsText) : 1;
  if (variations === undefined || variations < 1 || variations > MAX_VARIATIONS)
    problem(
      'variations',
      `Variations must be a whole number from 1 to ${MAX_VARIATIONS} (got "${variationsText}").`
    );

  const seedText = value('seed');
  const seed = seedText ? whole(seedText) : undefined;
  if (seedText && seed === undefined) problem('seed', `Seed must be a whole number (got "${seedText}").`);

  const scheduleText = value('schedule');
  const scheduleAt = scheduleText ? parseScheduleTime(scheduleText) : undefined;
  if (scheduleText && scheduleAt === undefined)
    problem('schedule', `"${scheduleText}" is not a date and time like 2026-12-01 09:30.`);

  let presets: string[] = [];
  const presetsText = value('presets');
  if (presetsText) {
    try {
      presets = resolvePresets(presetsText.replaceAll('|', ',')).map((preset) => preset.id);
    } catch (error) {
      problem('presets', (error as Error).message);
    }
  }

  const operation = GenerateOperationSchema.safeParse({
    operation: 'generate',
    provider: provider.success ? provider.data : DEFAULT_PROVIDER,
    model: model || 'unknown',
    prompt: value('prompt'),
    negativePrompt: value('negative_prompt') || undefined,
    stylePreset: value('style') || undefined,
    seed: seed ?? undefined,
    variations: variations ?? 1
  });
  if (!operation.success) {
    for (const issue of operation.error.issues) {
      const field = fieldOfPath[String(issue.path[0])];
      // Fields already reported above keep their clearer message.
      if (field && !problems.some((p) => p.field === field)) problem(field, issue.message);
    }
  }
  if (problems.length > 0 || !operation.success) return { problems };
  const row: CsvRow = {
    line,
    operation: operation.data as GenerateOperation,
    presets,
    persona: value('persona') || undefined,
    campaign: value('campaign') || undefined,
    scheduleAt
  };
  return { row };
}
