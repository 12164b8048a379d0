import { z } from 'zod';
import { EncodableFormatSchema } from '$core/image/operations';
import { DEFAULT_NAME_TEMPLATE, NameTemplateSchema } from '$core/export/name-template';

/** The export form's choices, remembered on the device between visits. */
export const ExportSettingsSchema = z.object({
  /** `auto`: each preset's preferred format. */
  format: z.union([z.literal('auto'), EncodableFormatSchema]),
  /** null: automatic (the byte budget search where a preset has a limit, else 82). */
  quality: z.number().int().min(1).max(100).nullable(),
  template: NameTemplateSchema,
  keepMetadata: z.boolean()
});
export type ExportSettings = z.infer<typeof ExportSettingsSchema>;

export const EXPORT_SETTINGS_KEY = 'social.export';

export const defaultExportSettings: ExportSettings = {
  format: 'auto',
  quality: null,
  template: DEFAULT_NAME_TEMPLATE,
  keepMetadata: false
};
