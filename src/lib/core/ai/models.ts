import { z } from 'zod';
import catalogJson from './model-catalog.json';

const ModelFileSchema = z.object({ name: z.string(), bytes: z.number().int().positive() });

export const DeviceModelSchema = z.object({
  id: z.string(),
  name: z.string(),
  task: z.enum(['segment', 'upscale']),
  licence: z.enum(['Apache-2.0', 'MIT']),
  credit: z.string(),
  origin: z.object({ package: z.string(), version: z.string(), folder: z.string() }),
  /** A repository folder holding the files when the package is not a dependency (see its README). */
  vendored: z.string().optional(),
  /** Shipped in the web app (copied into static/ and precached); the rest are for the CLI only. */
  app: z.boolean(),
  files: z.array(ModelFileSchema).min(2),
  /** Where the files are served from, below the app's origin. */
  to: z.string()
});
export type DeviceModel = z.infer<typeof DeviceModelSchema>;

/** Every on-device AI model, its licence and where it came from: one list for the copy script, app and CLI. */
export const deviceModels: DeviceModel[] = z.array(DeviceModelSchema).parse(catalogJson.models);

export const modelBytes = (model: DeviceModel) => model.files.reduce((sum, file) => sum + file.bytes, 0);

export function deviceModel(id: string): DeviceModel {
  const model = deviceModels.find((candidate) => candidate.id === id);
  if (!model) throw new Error(`No on-device model "${id}".`);
  return model;
}

/** The model.json (graph or layers) of a model; weights sit beside it. */
export const modelEntry = (model: DeviceModel) =>
  model.files.find((file) => file.name.endsWith('.json'))!.name;
