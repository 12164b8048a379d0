import { overlayRects, safeAreaRect, type Point } from '$core/crop';
import type { Rect, Size } from '$core/geometry/rect';
import type { PlatformPreset } from '$core/platforms';
import type { ScoredBox } from '$core/vision/detection';
import { clampPoint } from '$core/crop/crop-geometry';

export interface CropSceneOptions {
  element: HTMLCanvasElement;
  /** Canvas pixels per source pixel. */
  scale: number;
  source: Size;
  imageUrl: string;
  preset: PlatformPreset;
  faces: readonly ScoredBox[];
  /** The user let go of the crop: where it is now, in source pixels (not yet fitted to whole pixels). */
  oncrop: (crop: Rect) => void;
  /** The user let go of the focal point, in source pixels. */
  onfocal: (focal: Point) => void;
}

export interface CropScene {
  placeCrop(crop: Rect): void;
  placeFocal(point: Point): void;
  /** Faces a warning is about turn orange, the others stay green. */
  flagFaces(flagged: readonly Rect[]): void;
  dispose(): void;
}

const GREEN = '#22c55e';
const ORANGE = '#f97316';

/**
 * The crop editor's Fabric.js scene: the picture, the detected faces, the crop with corner handles only (they
 * scale uniformly, so the preset's aspect cannot change), the safe area and the platform's overlays that
 * follow the crop, the outside dimmed, and a draggable focal point. Fabric is loaded only when it opens.
 */
export async function createCropScene(options: CropSceneOptions): Promise<CropScene> {
  const { element, scale, source, imageUrl, preset, faces, oncrop, onfocal } = options;
  const fabric = await import('fabric');
  const width = Math.round(source.width * scale);
  const height = Math.round(source.height * scale);
  const toCanvas = (rect: Rect) => ({
    left: rect.x * scale,
    top: rect.y * scale,
    width: rect.width * scale,
    height: rect.height * scale
  });

  const canvas = new fabric.Canvas(element, {
    width,
    height,
    selection: false,
    uniformScaling: true,
    uniScaleKey: null,
    preserveObjectStacking: true
  });
  const image = await fabric.FabricImage.fromURL(imageUrl);
  const fixed = { originX: 'left', originY: 'top', selectable: false, evented: false } as const;
  image.set({ ...fixed, left: 0, top: 0, scaleX: width / image.width, scaleY: height / image.height });
  const outline = { ...fixed, fill: 'transparent', strokeUniform: true } as const;
  const faceShapes = faces.map(
    (face) => new fabric.Rect({ ...outline, ...toCanvas(face), stroke: GREEN, strokeWidth: 2 })
  );
  const dimShapes = Array.from(
    { length: 4 },
    () => new fabric.Rect({ ...fixed, fill: 'rgba(2, 6, 23, 0.55)' })
  );
  const safeShape = new fabric.Rect({
    ...outline,
    stroke: '#ffffff',
    strokeWidth: 1.5,
    strokeDashArray: [6, 4]
  });
  const overlayShapes = preset.overlays.map(
    () =>
      new fabric.Rect({
        ...outline,
        fill: 'rgba(220, 38, 38, 0.25)',
        stroke: 'rgba(220, 38, 38, 0.9)',
        strokeWidth: 1,
        strokeDashArray: [4, 3]
      })
  );
  const cropShape = new fabric.Rect({
    originX: 'left',
    originY: 'top',
    fill: 'rgba(255, 255, 255, 0.04)',
    stroke: '#4f46e5',
    strokeWidth: 3,
    strokeUniform: true,
    lockRotation: true,
    lockScalingFlip: true,
    hasBorders: false,
    cornerColor: '#4f46e5',
    cornerStrokeColor: '#ffffff',
    transparentCorners: false,
    cornerSize: 16,
    touchCornerSize: 36,
    hoverCursor: 'move'
  });
  cropShape.setControlsVisibility({ mt: false, mb: false, ml: false, mr: false, mtr: false });
  const focalShape = new fabric.Circle({
    originX: 'center',
    originY: 'center',
    radius: 11,
    fill: 'rgba(79, 70, 229, 0.85)',
    stroke: '#ffffff',
    strokeWidth: 3,
    hasControls: false,
    hasBorders: false,
    hoverCursor: 'grab'
  });
  canvas.add(image, ...dimShapes, ...faceShapes, safeShape, ...overlayShapes, cropShape, focalShape);
  // Show the corner handles from the start, so the crop reads as something to drag.
  canvas.setActiveObject(cropShape);

  const shapeCrop = (): Rect => ({
    x: cropShape.left / scale,
    y: cropShape.top / scale,
    width: cropShape.getScaledWidth() / scale,
    height: cropShape.getScaledHeight() / scale
  });

  /** Safe area, overlays and the dimmed outside follow the crop while it is dragged. */
  function syncFrame(crop: Rect) {
    safeShape.set(toCanvas(safeAreaRect(preset, crop)));
    overlayRects(preset, crop).forEach(({ rect }, index) => overlayShapes[index]?.set(toCanvas(rect)));
    const bottom = crop.y + crop.height;
    const right = crop.x + crop.width;
    const bands: Rect[] = [
      { x: 0, y: 0, width: source.width, height: crop.y },
      { x: 0, y: bottom, width: source.width, height: source.height - bottom },
      { x: 0, y: crop.y, width: crop.x, height: crop.height },
      { x: right, y: crop.y, width: source.width - right, height: crop.height }
    ];
    bands.forEach((band, index) => dimShapes[index]?.set(toCanvas(band)));
  }

  /** Keeps the crop inside the picture while it is dragged or resized. */
  function constrainCrop() {
    const fit = Math.min(1, width / cropShape.getScaledWidth(), height / cropShape.getScaledHeight());
    if (fit < 1) cropShape.set({ scaleX: cropShape.scaleX * fit, scaleY: cropShape.scaleY * fit });
    cropShape.set({
      left: Math.min(Math.max(0, cropShape.left), width - cropShape.getScaledWidth()),
      top: Math.min(Math.max(0, cropShape.top), height - cropShape.getScaledHeight())
    });
    syncFrame(shapeCrop());
  }

  canvas.on('object:moving', ({ target }) => {
    if (target === cropShape) constrainCrop();
    if (target === focalShape) {
      focalShape.set({
        left: Math.min(Math.max(0, focalShape.left), width),
        top: Math.min(Math.max(0, focalShape.top), height)
      });
    }
  });
  canvas.on('object:scaling', ({ target }) => {
    if (target === cropShape) constrainCrop();
  });
  canvas.on('object:modified', ({ target }) => {
    if (target === cropShape) oncrop(shapeCrop());
    if (target === focalShape) {
      onfocal(clampPoint({ x: focalShape.left / scale, y: focalShape.top / scale }, source));
      canvas.setActiveObject(cropShape);
    }
  });

  return {
    placeCrop(crop) {
      cropShape.set({ ...toCanvas(crop), scaleX: 1, scaleY: 1 });
      cropShape.setCoords();
      syncFrame(crop);
      canvas.requestRenderAll();
    },
    placeFocal(point) {
      focalShape.set({ left: point.x * scale, top: point.y * scale });
      focalShape.setCoords();
      canvas.requestRenderAll();
    },
    flagFaces(flagged) {
      faceShapes.forEach((shape, index) => {
        const face = faces[index];
        const warned = face && flagged.some((box) => box.x === face.x && box.y === face.y);
        shape.set({ stroke: warned ? ORANGE : GREEN, strokeWidth: warned ? 3 : 2 });
      });
      canvas.requestRenderAll();
    },
    dispose() {
      void canvas.dispose();
    }
  };
}
