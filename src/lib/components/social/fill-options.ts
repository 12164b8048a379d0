import type { FitMode } from '$core/crop/schema';

/** The fills offered on the cards and for all, in the words the page uses. */
export const fillOptions: { fit: FitMode; label: string; short: string }[] = [
  { fit: 'cover', label: 'Crop to fill', short: 'Crop' },
  { fit: 'pad-blur', label: 'Pad with blurred photo', short: 'Blurred pad' },
  { fit: 'pad-color', label: 'Pad with a colour', short: 'Colour pad' }
];
