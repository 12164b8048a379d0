export const shareErrorCodes = ['missing_key', 'wrong_key', 'invalid_board'] as const;
export type ShareErrorCode = (typeof shareErrorCodes)[number];

/** A shared board that cannot be opened; the message is shown to the viewer as is. */
export class ShareError extends Error {
  override readonly name = 'ShareError';
  readonly code: ShareErrorCode;

  constructor(code: ShareErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
