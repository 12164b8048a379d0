export {
  chooseCrop,
  centreCrop,
  type CropInput,
  type CropChoice,
  type CropPreset,
  type CropStrategy
} from './choose';
export { safeAreaRect, overlayRects, placeFraction } from './safe-area';
export { cropWarnings, mainSubject, CropWarningSchema, cropWarningCodes, type CropWarning } from './warnings';
export { maxCropSize, type Point } from './geometry';
