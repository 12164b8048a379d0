import { describe, expect, it } from 'vitest';
import { InpaintOperationSchema, OutpaintOperationSchema } from '../operations/edit';
import { CreativeUpscaleOperationSchema } from '../operations/upscale';
import { numberRange } from './ranges';

describe('numberRange', () => {
  it('reads the bounds through defaults and refinements', () => {
    expect(numberRange(InpaintOperationSchema.shape.growMask)).toEqual({ min: 0, max: 100 });
    expect(numberRange(OutpaintOperationSchema.shape.left)).toEqual({ min: 0, max: 2000 });
    expect(numberRange(CreativeUpscaleOperationSchema.shape.creativity)).toEqual({ min: 0.1, max: 0.5 });
  });

  it('refuses a field that is not a number', () => {
    expect(() => numberRange(InpaintOperationSchema.shape.prompt)).toThrow();
  });
});
