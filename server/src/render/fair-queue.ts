// Places in the render pool handed out fairly between accounts. First come, first served,
// except that while another account's job waits, an account already holding half of the
// places (rounded down, at least one) waits too: one account's burst (a viral og:image, a
// bulk job, a loop of heavy thumbnails) cannot take every render child from the rest.
// Nothing is left idle for fairness' sake: when only capped accounts wait, they go on.

interface Waiting {
  owner: string;
  start(): void;
}

export class FairQueue {
  #running = 0;
  readonly #byOwner = new Map<string, number>();
  readonly #waiting: Waiting[] = [];

  constructor(readonly capacity: number) {}

  /** The most places one owner holds while another owner waits. */
  get share(): number {
    return Math.max(1, Math.floor(this.capacity / 2));
  }

  /** How many of the owner's jobs run now. */
  runningFor(owner: string): number {
    return this.#byOwner.get(owner) ?? 0;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `task` once a place is free for `owner`; the place is given back when it settles. */
  run<T>(owner: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({
        owner,
        start: () => {
          let settled = false;
          const done = () => {
            if (settled) return;
            settled = true;
            this.#running--;
            const left = this.runningFor(owner) - 1;
            if (left > 0) this.#byOwner.set(owner, left);
            else this.#byOwner.delete(owner);
            this.#pump();
          };
          let running: Promise<T>;
          try {
            running = task();
          } catch (error) {
            running = Promise.reject(error);
          }
          running.then(
            (value) => {
              done();
              resolve(value);
            },
            (error: unknown) => {
              done();
              reject(error);
            },
          );
        },
      });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running < this.capacity && this.#waiting.length > 0) {
      // The first job whose owner is under its share; if every waiting owner is at it, the first.
      let index = this.#waiting.findIndex((w) => this.runningFor(w.owner) < this.share);
      if (index === -1) index = 0;
      const [next] = this.#waiting.splice(index, 1);
      if (!next) return;
      this.#running++;
      this.#byOwner.set(next.owner, this.runningFor(next.owner) + 1);
      next.start();
    }
  }
}
