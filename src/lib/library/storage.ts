export interface StorageState {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** What the browser says this origin uses and may use; zeros where the Storage API is missing. */
export async function storageState(): Promise<StorageState> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return { usage: 0, quota: 0, persisted: false };
  const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? false]);
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
}

/**
 * Asks the browser not to evict the library under storage pressure. Chromium decides silently (granted for
 * installed or often-used sites); Firefox asks the user.
 */
export async function requestPersistence(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}
