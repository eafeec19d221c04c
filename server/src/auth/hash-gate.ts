// A small semaphore with a bounded queue. Password hashing (scrypt, 32 MiB, ~100 ms) runs
// on libuv's thread pool — four threads by default, shared with every file read and DNS
// lookup. Without a gate, a burst of logins fills the pool and an image from disk waits
// seconds behind them; with it, at most `maxRunning` hashes occupy threads, a few more wait
// their turn, and beyond that the caller is told to come back (503) at once.
export class GateFullError extends Error {
  override name = 'GateFullError';
}

export class ConcurrencyGate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly maxRunning: number,
    readonly maxQueued: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.maxRunning) this.#running++;
    else {
      if (this.#waiting.length >= this.maxQueued) throw new GateFullError('too many tasks waiting');
      // The slot is handed over by the task that finishes (see below): #running is unchanged.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
