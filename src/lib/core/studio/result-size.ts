import type { AiOperation } from '../operations';

interface Size {
  width: number;
  height: number;
}

/** Providers may scale a result down to their own limit, but never change its shape by more than this. */
const RATIO_TOLERANCE = 0.02;
/** Nor shrink it below this share of each side: a thumbnail is not an edit. */
const MIN_SIDE_SHARE = 0.25;

/**
 * The size an edit promises: the image's own, grown by the sides an outpaint adds. Undefined where free: a prompt
 * edit (`edit.general`) is answered at the model's own size and aspect.
 */
export function promisedSize(op: AiOperation): Size | undefined {
  if (op.operation === 'edit.outpaint')
    return {
      width: op.image.width + op.left + op.right,
      height: op.image.height + op.up + op.down
    };
  if (op.operation.startsWith('edit.') && op.operation !== 'edit.general' && 'image' in op)
    return { width: op.image.width, height: op.image.height };
  return undefined;
}

/** A sentence saying how a provider's result breaks the operation's promise, or undefined when it keeps it. */
export function resultSizeProblem(op: AiOperation, actual: Size): string | undefined {
  const promised = promisedSize(op);
  if (!promised) return undefined;
  const ratio = actual.width / actual.height / (promised.width / promised.height);
  const shrunk =
    actual.width < promised.width * MIN_SIDE_SHARE || actual.height < promised.height * MIN_SIDE_SHARE;
  if (Math.abs(ratio - 1) <= RATIO_TOLERANCE && !shrunk) return undefined;
  return (
    `The provider returned a ${actual.width}×${actual.height} image, but this operation gives back ` +
    `${promised.width}×${promised.height}. It was not saved: try again, or another model.`
  );
}
