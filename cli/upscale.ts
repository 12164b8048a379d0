import { runDevice } from './device-ai';

/** `image-studio upscale <files…> --scale 2|4 --out <dir> [--model slim|medium] [--json]` */
export const run = (args: string[]): Promise<number> => runDevice('upscale', args);
