import { area, centreOf, type Point } from '../crop/geometry';
import { facesActedOn } from '../crop/resolve';
import { mainSubject } from '../crop/warnings';
import type { Detections, Focal } from './schema';

/**
 * One focal point per image: the area-weighted centre of the faces, else the main subject's centre, else
 * the saliency point (already in source pixels), else the middle.
 */
export function pickFocal(
  size: { width: number; height: number },
  detections: Detections,
  saliency: Point | undefined
): Focal {
  const faces = facesActedOn(detections.faces);
  if (faces.length > 0) {
    let total = 0;
    let x = 0;
    let y = 0;
    for (const face of faces) {
      const weight = Math.max(1, area(face));
      const centre = centreOf(face);
      total += weight;
      x += weight * centre.x;
      y += weight * centre.y;
    }
    return { x: x / total, y: y / total, source: 'faces' };
  }
  const subject = mainSubject(detections.objects);
  if (subject) return { ...centreOf(subject), source: 'subject' };
  if (saliency) return { ...saliency, source: 'saliency' };
  return { x: size.width / 2, y: size.height / 2, source: 'centre' };
}
