import { runDevice } from './device-ai';

/** `image-studio cutout <files…> --out <dir> [--format png|webp] [--json]` */
export const run = (args: string[]): Promise<number> => runDevice('cutout', args);
