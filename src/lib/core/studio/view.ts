import type { Size } from '../geometry/rect';

/** Where an image sits in a frame: drawn at `scale`, its top-left corner at (x, y) in the frame's CSS pixels. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

/** The whole image, as large as the frame allows, centred in it. */
export function fitView(frame: Size, image: Size): View {
  const scale = Math.min(frame.width / image.width, frame.height / image.height);
  return {
    scale,
    x: (frame.width - image.width * scale) / 2,
    y: (frame.height - image.height * scale) / 2
  };
}

/** The view at `scale`, with the image point under the frame point (cx, cy) staying under it. */
export function zoomAround(view: View, scale: number, cx: number, cy: number): View {
  const ratio = scale / view.scale;
  return { scale, x: cx - (cx - view.x) * ratio, y: cy - (cy - view.y) * ratio };
}

export const panView = (view: View, dx: number, dy: number): View => ({
  ...view,
  x: view.x + dx,
  y: view.y + dy
});

/** The CSS transform that draws an image (with `transform-origin: 0 0`) where the view puts it. */
export const cssTransform = (view: View): string =>
  `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;

export type ViewKeyAction = { kind: 'pan'; dx: number; dy: number } | { kind: 'zoom'; factor: number };

/** Keyboard steps: an arrow moves the view that way (the image goes the other), + and − zoom. */
const KEY_PAN = 40;
const KEY_ZOOM = 1.25;

/** What a key does to the view, or undefined when the view does not use it. */
export function viewKey(key: string): ViewKeyAction | undefined {
  switch (key) {
    case 'ArrowLeft':
      return { kind: 'pan', dx: KEY_PAN, dy: 0 };
    case 'ArrowRight':
      return { kind: 'pan', dx: -KEY_PAN, dy: 0 };
    case 'ArrowUp':
      return { kind: 'pan', dx: 0, dy: KEY_PAN };
    case 'ArrowDown':
      return { kind: 'pan', dx: 0, dy: -KEY_PAN };
    case '+':
    case '=':
      return { kind: 'zoom', factor: KEY_ZOOM };
    case '-':
      return { kind: 'zoom', factor: 1 / KEY_ZOOM };
    default:
      return undefined;
  }
}

/** One wheel notch zooms in by `step` when scrolled up, out by it when scrolled down. */
export const wheelFactor = (deltaY: number, step: number): number => (deltaY < 0 ? step : 1 / step);
