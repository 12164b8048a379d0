import { overlayRects, safeAreaRect, type Point } from '$core/crop';
import type { Rect, Size } from '$core/geometry/rect';
import type { PlatformPreset } from '$core/platforms';
import { clampPoint } from '$core/crop/crop-geometry';

export interface CropSceneOptions {
  element: HTMLCanvasElement;
  /** Canvas pixels per source pixel. */
  scale: number;
  source: Size;
  imageUrl: string;
  preset: PlatformPreset;
  /** The user let go of the crop: where it is now, in source pixels (not yet fitted to whole pixels). */
  oncrop: (crop: Rect) => void;
  /** The user let go of the focal point, in source pixels. */
  onfocal: (focal: Point) => void;
  /** The user drew a box in drawing mode, in source pixels (not yet fitted to whole pixels). */
  ondraw: (box: Rect) => void;
}

/** A face box as the editor shows it: found and acted on, dismissed by the user, or drawn by them. */
export interface SceneFace {
  box: Rect;
  kind: 'detected' | 'dismissed' | 'added';
  /** A warning is about this face. */
  flagged: boolean;
  /** The number the editor's face list gives it. */
  label: string;
  selected: boolean;
}

export interface CropScene {
  placeCrop(crop: Rect): void;
  placeFocal(point: Point): void;
  /** Redraws the face boxes: green, orange when a warning is about them, grey dashed when dismissed. */
  showFaces(faces: readonly SceneFace[]): void;
  /** In drawing mode a drag draws a face box instead of moving the crop or the focal point. */
  setDrawing(on: boolean): void;
  dispose(): void;
}

const GREEN = '#22c55e';
const ORANGE = '#f97316';
const BLUE = '#38bdf8';
const GREY = '#cbd5e1';

const faceStyle = (face: SceneFace) => {
  if (face.kind === 'dismissed') return { stroke: GREY, strokeWidth: 2, strokeDashArray: [5, 4] };
  const stroke = face.flagged ? ORANGE : face.kind === 'added' ? BLUE : GREEN;
  return { stroke, strokeWidth: face.selected || face.flagged ? 4 : 2, strokeDashArray: undefined };
};

/**
 * The crop editor's Fabric.js scene: the picture, the faces (found, dismissed and drawn), the crop with corner handles only (they
 * scale uniformly, so the preset's aspect cannot change), the safe area and the platform's overlays that
 * follow the crop, the outside dimmed, and a draggable focal point. Fabric is loaded only when it opens.
 */
export async function createCropScene(options: CropSceneOptions): Promise<CropScene> {
  const { element, scale, source, imageUrl, preset, oncrop, onfocal, ondraw } = options;
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
  let faceShapes: InstanceType<typeof fabric.FabricObject>[] = [];
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
  canvas.add(image, ...dimShapes, safeShape, ...overlayShapes, cropShape, focalShape);
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

  let drawing: { start: Point; shape: InstanceType<typeof fabric.Rect> } | undefined;
  let drawMode = false;
  canvas.on('mouse:down', ({ scenePoint }) => {
    if (!drawMode) return;
    const shape = new fabric.Rect({
      ...outline,
      left: scenePoint.x,
      top: scenePoint.y,
      width: 0,
      height: 0,
      stroke: BLUE,
      strokeWidth: 2
    });
    drawing = { start: { x: scenePoint.x, y: scenePoint.y }, shape };
    canvas.add(shape);
  });
  canvas.on('mouse:move', ({ scenePoint }) => {
    if (!drawing) return;
    const { start, shape } = drawing;
    const x = Math.min(Math.max(0, scenePoint.x), width);
    const y = Math.min(Math.max(0, scenePoint.y), height);
    shape.set({
      left: Math.min(start.x, x),
      top: Math.min(start.y, y),
      width: Math.abs(x - start.x),
      height: Math.abs(y - start.y)
    });
    canvas.requestRenderAll();
  });
  canvas.on('mouse:up', () => {
    if (!drawing) return;
    const done = drawing;
    drawing = undefined;
    canvas.remove(done.shape);
    const { left, top, width: across, height: down } = done.shape;
    ondraw({ x: left / scale, y: top / scale, width: across / scale, height: down / scale });
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
    showFaces(faces) {
      canvas.remove(...faceShapes);
      faceShapes = faces.flatMap((face) => {
        const style = faceStyle(face);
        const place = toCanvas(face.box);
        const tag = new fabric.FabricText(face.label, {
          ...fixed,
          left: place.left,
          top: Math.max(0, place.top - 18),
          fontSize: 14,
          fontWeight: 'bold',
          fill: '#ffffff',
          backgroundColor: style.stroke
        });
        return [new fabric.Rect({ ...outline, ...place, ...style }), tag];
      });
      // Above the dimmed outside, under the crop's handles.
      faceShapes.forEach((shape, index) => canvas.insertAt(5 + index, shape));
      canvas.requestRenderAll();
    },
    setDrawing(on) {
      drawMode = on;
      // While drawing, a drag on the crop or the focal point draws too: nothing is picked up.
      canvas.skipTargetFind = on;
      if (on) canvas.discardActiveObject();
      else canvas.setActiveObject(cropShape);
      canvas.requestRenderAll();
    },
    dispose() {
      void canvas.dispose();
    }
  };
}
