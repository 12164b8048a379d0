export const libraryErrorCodes = [
  'quota_exceeded',
  'not_found',
  'storage_failed',
  'invalid_archive'
] as const;
export type LibraryErrorCode = (typeof libraryErrorCodes)[number];

/** A library failure the user can act on: the code drives UI decisions, the message is shown as is. */
export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  readonly code: LibraryErrorCode;

  constructor(code: LibraryErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** IndexedDB reports a full disk as QuotaExceededError, directly or as the cause of an aborted transaction. */
export function isQuotaError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { name, message } = current as { name?: string; message?: string };
    if (name === 'QuotaExceededError' || /quota/i.test(message ?? '')) return true;
    current =
      (current as { inner?: unknown; cause?: unknown }).inner ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Turns a storage failure into a LibraryError whose message says what was not saved and what to do. */
export function toLibraryError(error: unknown, what: string): LibraryError {
  if (error instanceof LibraryError) return error;
  if (isQuotaError(error)) {
    return new LibraryError(
      'quota_exceeded',
      `Storage is full: ${what} was not saved, and nothing of it was kept. Free space by emptying the ` +
        'trash, or export the library as a ZIP and delete older assets.'
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new LibraryError(
    'storage_failed',
    `${what} could not be saved (${detail}); nothing of it was kept.`
  );
}
