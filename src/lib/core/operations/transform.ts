import { z } from 'zod';
import {
  AudioInputSchema,
  ImageInputSchema,
  OptionalPromptSchema,
  PromptSchema,
  SeedSchema,
  targetFields
} from './common';

export const videoResolutions = ['480p', '720p', '1080p'] as const;
export const VideoResolutionSchema = z.enum(videoResolutions);
export type VideoResolution = z.infer<typeof VideoResolutionSchema>;

export const ImageToVideoOperationSchema = z.object({
  operation: z.literal('transform.image-to-video'),
  ...targetFields,
  image: ImageInputSchema,
  prompt: PromptSchema,
  negativePrompt: OptionalPromptSchema,
  audio: AudioInputSchema.optional(),
  resolution: VideoResolutionSchema.default('720p'),
  durationSeconds: z.union([z.literal(5), z.literal(10)]).default(5),
  seed: SeedSchema.optional(),
  promptExpansion: z.boolean().default(true)
});

export const TalkingAvatarOperationSchema = z.object({
  operation: z.literal('transform.talking-avatar'),
  ...targetFields,
  image: ImageInputSchema,
  // The avatar speaks this audio: without it the form says what to add, not what type was missing.
  audio: z.object(AudioInputSchema.shape, 'Add the script audio (MP3 or WAV) the avatar speaks.'),
  prompt: OptionalPromptSchema,
  mask: ImageInputSchema.optional(),
  resolution: z.enum(['480p', '720p']).default('480p'),
  seed: SeedSchema.optional()
});

export const ImageTo3dOperationSchema = z.object({
  operation: z.literal('transform.image-to-3d'),
  ...targetFields,
  image: ImageInputSchema,
  textureResolution: z.union([z.literal(512), z.literal(1024), z.literal(2048)]).default(1024),
  foregroundRatio: z.number().min(0.1).max(1).default(0.85),
  remesh: z.enum(['none', 'triangle', 'quad']).default('none'),
  vertexCount: z.number().int().min(-1).max(20_000).default(-1)
});
