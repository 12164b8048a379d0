import { ShareError } from './share-error';

/** First byte of every sealed blob, so a future format can be told apart from this one. */
const FORMAT = 1;
const IV_BYTES = 12;
const KEY_BYTES = 32;

const subtle = () => globalThis.crypto.subtle;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** A fresh AES-256 key as base64url, the form it takes in the link's fragment. */
export function newShareKey(): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
}

/** Imports the fragment's key; a missing, cut or mangled key is refused before any decryption is tried. */
export async function importShareKey(text: string | undefined): Promise<CryptoKey> {
  const clean = (text ?? '').trim().replace(/^#/, '');
  if (!clean) {
    throw new ShareError('missing_key', 'This link has no key after the “#”. Ask for the full link.');
  }
  let raw: Uint8Array;
  try {
    raw = fromBase64Url(clean);
  } catch {
    raw = new Uint8Array();
  }
  if (raw.byteLength !== KEY_BYTES || !/^[\w-]+$/.test(clean)) {
    throw new ShareError(
      'wrong_key',
      'The key in this link is incomplete or mistyped. Ask for the full link.'
    );
  }
  return subtle().importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** AES-GCM 256 with a random IV: `[format][iv][ciphertext+tag]`. */
export async function seal(key: CryptoKey, plain: Uint8Array): Promise<Uint8Array> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv }, key, plain as BufferSource));
  const out = new Uint8Array(1 + IV_BYTES + cipher.byteLength);
  out[0] = FORMAT;
  out.set(iv, 1);
  out.set(cipher, 1 + IV_BYTES);
  return out;
}

/**
 * Opens what `seal` made. The GCM tag covers every byte, so a wrong key and any changed bit fail the same
 * check: nothing half-decrypted ever comes back.
 */
export async function open(key: CryptoKey, sealed: Uint8Array): Promise<Uint8Array> {
  if (sealed.byteLength < 1 + IV_BYTES + 16 || sealed[0] !== FORMAT) {
    throw new ShareError('invalid_board', 'This is not a shared board this app can read.');
  }
  try {
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: sealed.subarray(1, 1 + IV_BYTES) as BufferSource },
      key,
      sealed.subarray(1 + IV_BYTES) as BufferSource
    );
    return new Uint8Array(plain);
  } catch {
    throw new ShareError(
      'wrong_key',
      'The key in this link does not open this board: the link is wrong or incomplete, or the data was changed.'
    );
  }
}
