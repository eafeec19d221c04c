// A blob store that cannot be reached right now (network error, the service answering 5xx
// or throttling) as opposed to a bug: answered 503 with Retry-After, like a lost database.
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`storage unavailable: ${cause instanceof Error ? cause.message || cause.name : String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}
