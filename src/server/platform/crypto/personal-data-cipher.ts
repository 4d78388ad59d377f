// Personal data at rest: AES-256-GCM with a random IV per value, and an HMAC blind index
// for exact lookups (phone, e-mail, ID number) that reveals nothing without the key.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class PersonalDataCipher {
  readonly #encryptionKey: Buffer;
  readonly #indexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The personal-data key must be 32 bytes');
    // Separate keys for encryption and indexing, so the index never weakens the ciphertexts.
    this.#encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'minsheng/pii/encrypt', 32));
    this.#indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'minsheng/pii/index', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Unrecognised ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.#encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  encryptOptional(plain: string | null | undefined): string | null {
    return plain == null || plain === '' ? null : this.encrypt(plain);
  }

  decryptOptional(sealed: string | null): string | null {
    return sealed == null ? null : this.decrypt(sealed);
  }

  /** Deterministic keyed index of a normalised value; `kind` keeps phones and IDs apart. */
  blindIndex(kind: 'phone' | 'email' | 'id_number' | 'contact', value: string): string {
    return createHmac('sha256', this.#indexKey).update(`${kind}:${normaliseForIndex(value)}`).digest('base64url');
  }
}

export function normaliseForIndex(value: string): string {
  return value.trim().toLowerCase().replace(/[\s-]/g, '');
}
