import type { ImageInput } from './common';
import type { AiOperation } from './index';
import type { ImageConstraints, ModelSpec, Range } from './models';
import { stylePresets } from './models';
import { planOutputSize } from './sizing';

export interface PreflightIssue {
  /** The operation field at fault, for an inline error next to its control. */
  field: string;
  message: string;
}

const mp = (pixels: number) => `${(pixels / 1_000_000).toFixed(pixels < 1_000_000 ? 2 : 1)} MP`;
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Checks one input image against what the provider accepts; empty when it passes. */
export function checkImage(field: string, image: ImageInput, limits: ImageConstraints): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const { width, height } = image;
  const pixels = width * height;
  const aspect = width / height;
  if (!limits.formats.includes(image.format)) {
    issues.push({
      field,
      message: `${image.format.toUpperCase()} is not accepted here; use ${limits.formats.join(', ').toUpperCase()}.`
    });
  }
  if (image.bytes > limits.maxBytes) {
    issues.push({ field, message: `The image is ${mb(image.bytes)}; the limit is ${mb(limits.maxBytes)}.` });
  }
  if (pixels < limits.minPixels || pixels > limits.maxPixels) {
    issues.push({
      field,
      message: `The image is ${width}×${height} (${mp(pixels)}); it must be between ${mp(limits.minPixels)} and ${mp(limits.maxPixels)}.`
    });
  }
  if (Math.min(width, height) < limits.minSide || Math.max(width, height) > limits.maxSide) {
    issues.push({
      field,
      message: `Each side must be ${limits.minSide}–${limits.maxSide} px; this one is ${width}×${height}.`
    });
  }
  if (aspect < limits.minAspect || aspect > limits.maxAspect) {
    issues.push({
      field,
      message: `The aspect ratio ${aspect.toFixed(2)}:1 is outside ${limits.minAspect.toFixed(2)}–${limits.maxAspect.toFixed(2)}:1.`
    });
  }
  return issues;
}

const inRange = (
  field: string,
  label: string,
  value: number | undefined,
  range: Range | undefined
): PreflightIssue[] => {
  if (value === undefined) return [];
  if (!range) return [{ field, message: `This model has no ${label} setting.` }];
  return value < range.min || value > range.max
    ? [
        {
          field,
          message: `${label[0]?.toUpperCase()}${label.slice(1)} must be ${range.min}–${range.max} for this model.`
        }
      ]
    : [];
};

/** Every image an operation carries, by field name. */
function imageInputs(op: AiOperation): [string, ImageInput][] {
  const found: [string, ImageInput][] = [];
  for (const [key, value] of Object.entries(op)) {
    if (value && typeof value === 'object' && 'part' in value && 'width' in value)
      found.push([key, value as ImageInput]);
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item && typeof item === 'object' && 'part' in item && 'width' in item)
          found.push([`${key}.${index}`, item as ImageInput]);
      });
    }
  }
  return found;
}

/**
 * Everything the proxy refuses before spending anything: the model must do this operation, settings must be in
 * the model's ranges, the prompt within its length, every input image within the provider's limits.
 */
export function preflight(op: AiOperation, spec: ModelSpec | undefined): PreflightIssue[] {
  if (!spec) return [{ field: 'model', message: `${op.provider} has no model "${op.model}".` }];
  if (!spec.operations.includes(op.operation)) {
    return [{ field: 'model', message: `${spec.label} cannot do ${op.operation}.` }];
  }
  const issues: PreflightIssue[] = [];
  const prompt = 'prompt' in op ? op.prompt : undefined;
  if (prompt && prompt.length > spec.maxPromptChars) {
    issues.push({
      field: 'prompt',
      message: `The prompt is ${prompt.length.toLocaleString('en')} characters; ${spec.label} takes at most ${spec.maxPromptChars.toLocaleString('en')}.`
    });
  }
  if ('negativePrompt' in op && op.negativePrompt && !spec.negativePrompt) {
    issues.push({ field: 'negativePrompt', message: `${spec.label} does not take a negative prompt.` });
  }
  if ('stylePreset' in op && op.stylePreset) {
    if (!spec.stylePresets)
      issues.push({ field: 'stylePreset', message: `${spec.label} has no style presets.` });
    else if (!(stylePresets as readonly string[]).includes(op.stylePreset)) {
      issues.push({ field: 'stylePreset', message: `Unknown style preset "${op.stylePreset}".` });
    }
  }
  if (op.operation === 'generate') {
    issues.push(...inRange('guidance', 'guidance', op.guidance, spec.guidance));
    issues.push(...inRange('steps', 'steps', op.steps, spec.steps));
    const planned = planOutputSize(spec.sizing, op.width, op.height);
    if (typeof planned === 'string') issues.push({ field: 'width', message: planned });
  }
  if (op.operation === 'edit.general') {
    issues.push(...inRange('guidance', 'guidance', op.guidance, spec.guidance));
    if (op.references.length > spec.references) {
      issues.push({
        field: 'references',
        message:
          spec.references === 0
            ? `${spec.label} edits one image and takes no reference images.`
            : `${spec.label} takes at most ${spec.references} reference images.`
      });
    }
  }
  if ('mask' in op && op.mask && !spec.mask) {
    issues.push({
      field: 'mask',
      message: `${spec.label} ignores masks: it edits the whole image from the prompt. Use Inpaint to change only the painted area.`
    });
  }
  if ('seed' in op && op.seed !== undefined) {
    if (!spec.seed) issues.push({ field: 'seed', message: `${spec.label} takes no seed.` });
    else if (op.seed < spec.seed.min || op.seed > spec.seed.max) {
      issues.push({
        field: 'seed',
        message: `${spec.label} takes seeds ${spec.seed.min.toLocaleString('en')}–${spec.seed.max.toLocaleString('en')}.`
      });
    }
  }
  if ('outputFormat' in op && op.outputFormat) {
    const formats = spec.outputFormats;
    // A model with no format choice answers in its own format; only the default is accepted for it.
    if (formats.length ? !formats.includes(op.outputFormat) : op.outputFormat !== 'png') {
      issues.push({
        field: 'outputFormat',
        message: formats.length
          ? `${spec.label} answers ${formats.map((format) => format.toUpperCase()).join(' or ')} only.`
          : `${spec.label} has no output format setting.`
      });
    }
  }
  for (const [field, image] of imageInputs(op)) {
    if (!spec.input) issues.push({ field, message: `${spec.label} takes no input image.` });
    else issues.push(...checkImage(field, image, spec.input));
  }
  return issues;
}
