/** What one key does to the 3D viewer's camera: turn around the model, tilt over it, zoom, or go back home. */
export type OrbitAction =
  { kind: 'turn'; azimuth: number; polar: number } | { kind: 'zoom'; factor: number } | { kind: 'reset' };

const STEP = Math.PI / 12;
const ZOOM = 1.25;
const turn = (azimuth: number, polar: number): OrbitAction => ({ kind: 'turn', azimuth, polar });
const zoom = (factor: number): OrbitAction => ({ kind: 'zoom', factor });

/** Arrow keys turn and tilt by 15°, + and − zoom by a quarter, 0 or Home frame the model again. */
const keys = new Map<string, OrbitAction>([
  ['ArrowLeft', turn(STEP, 0)],
  ['ArrowRight', turn(-STEP, 0)],
  ['ArrowUp', turn(0, -STEP)],
  ['ArrowDown', turn(0, STEP)],
  ['+', zoom(1 / ZOOM)],
  ['=', zoom(1 / ZOOM)],
  ['-', zoom(ZOOM)],
  ['_', zoom(ZOOM)],
  ['0', { kind: 'reset' }],
  ['Home', { kind: 'reset' }]
]);

export const orbitKey = (key: string): OrbitAction | undefined => keys.get(key);

/**
 * How far a camera with this vertical field of view (degrees) and aspect ratio must stand from the centre of a
 * bounding sphere for the whole sphere to fit, with a little margin, in both width and height.
 */
export function fitDistance(radius: number, verticalFov: number, aspect: number): number {
  const vertical = (verticalFov * Math.PI) / 360;
  const horizontal = Math.atan(Math.tan(vertical) * aspect);
  return (1.15 * radius) / Math.sin(Math.min(vertical, horizontal));
}
