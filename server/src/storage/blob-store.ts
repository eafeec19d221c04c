// Where bytes live: rendered images, uploaded assets and fonts. Rows in the database point
// at objects by key (`images/<id>.png`, `assets/<id>.webp`, `fonts/<id>.ttf`); the store
// holds the bytes. The embedded default keeps them as files under the data directory
// (`file-blob-store.ts`); a deployment of many nodes keeps them in an S3-compatible bucket.
//
// Contract every implementation keeps:
// - `put` resolves only once the bytes are durable (synced file, or the bucket acknowledged
//   the upload): callers write the object before the row that points at it.
// - A reader never sees part of an object; a `put` over an existing key replaces it whole.
// - A missing object is `undefined` / `false`, never an error; `delete` of a missing key is a
//   no-op, so two nodes sweeping at once both succeed.
// - Keys are `/`-separated, made of `[A-Za-z0-9_.-]` segments; callers never pass user input
//   as a key without matching it against their own pattern first.

export interface BlobStore {
  /** Stores `data` under `key`, durably, replacing any earlier object. */
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Whether an object exists under `key`. */
  has(key: string): Promise<boolean>;
  /** Removes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key under `prefix` (e.g. `images/`), in no particular order. */
  list(prefix: string): AsyncIterable<string>;
  /** Releases connections; the store is not used afterwards. */
  close(): Promise<void>;
}

const KEY = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Throws for a key outside the contract (`..`, empty segments, other characters). */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
  }
}
