/**
 * Size templates for Create Studio. A short list of the common feed sizes until the platform catalogue
 * (src/lib/core/platforms, on another branch) lands; then this list should be read from it.
 */
export interface SizeTemplate {
  id: string;
  label: string;
  width: number;
  height: number;
  stylePreset?: string;
}

export const sizeTemplates: readonly SizeTemplate[] = [
  { id: 'square', label: 'Square 1:1 (1024×1024)', width: 1024, height: 1024 },
  {
    id: 'instagram-square',
    label: 'Instagram post 1:1',
    width: 1080,
    height: 1080,
    stylePreset: 'photographic'
  },
  {
    id: 'instagram-portrait',
    label: 'Instagram portrait 4:5',
    width: 1080,
    height: 1350,
    stylePreset: 'photographic'
  },
  {
    id: 'instagram-story',
    label: 'Instagram / TikTok story 9:16',
    width: 1080,
    height: 1920,
    stylePreset: 'digital-art'
  },
  {
    id: 'facebook-feed',
    label: 'Facebook feed 1.91:1',
    width: 1200,
    height: 630,
    stylePreset: 'photographic'
  },
  { id: 'x-post', label: 'X post 16:9', width: 1200, height: 675, stylePreset: 'photographic' },
  {
    id: 'linkedin-post',
    label: 'LinkedIn post 1.91:1',
    width: 1200,
    height: 627,
    stylePreset: 'photographic'
  },
  {
    id: 'youtube-thumbnail',
    label: 'YouTube thumbnail 16:9',
    width: 1280,
    height: 720,
    stylePreset: 'cinematic'
  },
  { id: 'pinterest-pin', label: 'Pinterest pin 2:3', width: 1000, height: 1500, stylePreset: 'photographic' }
];
