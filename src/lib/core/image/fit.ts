import type { Rect, Size } from '../geometry/rect';
import type { Fit } from './operations';

export interface FitPlan {
  /** Region of the source to keep, in source pixels. */
  crop: Rect;
  /** Size the kept region is scaled to. */
  scaled: Size;
  /** Final canvas; larger than `scaled` only for `contain`, which pads evenly. */
  canvas: Size;
}

const atLeastOne = (value: number): number => Math.max(1, Math.round(value));

/** Plans a resize as crop → scale → pad, so every backend produces the same geometry. */
export function planFit(source: Size, target: Size, fit: Fit): FitPlan {
  const whole: Rect = { x: 0, y: 0, width: source.width, height: source.height };
  switch (fit) {
    case 'fill':
      return { crop: whole, scaled: target, canvas: target };
    case 'cover': {
      const scale = Math.max(target.width / source.width, target.height / source.height);
      const width = Math.min(source.width, atLeastOne(target.width / scale));
      const height = Math.min(source.height, atLeastOne(target.height / scale));
      const crop = {
        x: Math.floor((source.width - width) / 2),
        y: Math.floor((source.height - height) / 2),
        width,
        height
      };
      return { crop, scaled: target, canvas: target };
    }
    case 'contain':
    case 'inside': {
      const scale = Math.min(target.width / source.width, target.height / source.height);
      const scaled = { width: atLeastOne(source.width * scale), height: atLeastOne(source.height * scale) };
      return { crop: whole, scaled, canvas: fit === 'contain' ? target : scaled };
    }
  }
}
