import type { VideoResolution } from '../operations/transform';

/** Camera moves offered as presets; WAN 2.5 takes motion from the prompt, so each adds a short direction. */
export const motionPresets = [
  { id: 'none', label: 'As the prompt says', direction: '' },
  { id: 'push-in', label: 'Slow push in', direction: 'slow camera push in towards the subject' },
  { id: 'pan-left', label: 'Pan left', direction: 'smooth camera pan from right to left' },
  { id: 'orbit', label: 'Orbit', direction: 'camera slowly orbits around the subject' },
  { id: 'handheld', label: 'Handheld', direction: 'subtle handheld camera sway' },
  { id: 'static', label: 'Locked off', direction: 'static camera, only the subject moves' }
] as const;
export type MotionPresetId = (typeof motionPresets)[number]['id'];

export function promptWithMotion(prompt: string, motion: MotionPresetId): string {
  const direction = motionPresets.find((preset) => preset.id === motion)?.direction;
  const trimmed = prompt.trim();
  if (!direction || !trimmed) return trimmed;
  return `${trimmed.replace(/[.\s]+$/, '')}. Camera: ${direction}.`;
}

/** The frame size each video resolution is delivered at (16:9), recorded with the saved video. */
export const videoFrame: Record<VideoResolution, { width: number; height: number }> = {
  '480p': { width: 854, height: 480 },
  '720p': { width: 1280, height: 720 },
  '1080p': { width: 1920, height: 1080 }
};

/** mp3 or wav, from the file's name or type; anything else is refused before upload. */
export function audioFormat(name: string, type: string): 'mp3' | 'wav' | undefined {
  if (type === 'audio/mpeg' || /\.mp3$/i.test(name)) return 'mp3';
  if (type === 'audio/wav' || type === 'audio/x-wav' || /\.wav$/i.test(name)) return 'wav';
  return undefined;
}
