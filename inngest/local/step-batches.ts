/** A batch's work: one result (or Error) per item, in their order. */
export type BatchWork<I, R> = (items: I[]) => Promise<(R | Error)[]>;

interface Queue {
  work: BatchWork<unknown, unknown>;
  waiting: { item: unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[];
}

/**
 * The local engine's batches: runs going side by side hand the same kind of step (a plan,
 * a send, a save) here, and it runs once for all of them when every live run is waiting on
 * a batch or done, so the database sees one set-based round per step instead of one per
 * run. One batch at a time, and nothing else runs while it does (everyone is waiting).
 */
export class StepBatches {
  private live = 0;
  private waiting = 0;
  private running = false;
  private readonly queues = new Map<string, Queue>();

  /** Runs `fn` as one live run: while it runs, batches wait for it to wait on one too (or end). */
  async track<T>(fn: () => Promise<T>): Promise<T> {
    this.live += 1;
    try {
      return await fn();
    } finally {
      this.live -= 1;
      this.flushWhenAllWait();
    }
  }

  /** Adds an item to the `kind` batch; resolves with its own result. */
  add<I, R>(kind: string, work: BatchWork<I, R>, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let queue = this.queues.get(kind);
      if (!queue) {
        queue = { work: work as BatchWork<unknown, unknown>, waiting: [] };
        this.queues.set(kind, queue);
      }
      queue.waiting.push({ item, resolve: resolve as (value: unknown) => void, reject });
      this.waiting += 1;
      this.flushWhenAllWait();
    });
  }

  private flushWhenAllWait() {
    if (this.running || this.waiting === 0 || this.waiting < this.live) return;
    // The fullest batch first.
    let kind: string | undefined;
    let queue: Queue | undefined;
    for (const [k, q] of this.queues) if (!queue || q.waiting.length > queue.waiting.length) [kind, queue] = [k, q];
    if (!kind || !queue) return;
    this.queues.delete(kind);
    this.waiting -= queue.waiting.length;
    this.running = true;
    const { waiting, work } = queue;
    void work(waiting.map((entry) => entry.item))
      .then(
        (results) => {
          for (const [i, entry] of waiting.entries()) {
            const result = results[i];
            if (result instanceof Error) entry.reject(result);
            else entry.resolve(result);
          }
        },
        (error: unknown) => {
          for (const entry of waiting) entry.reject(error);
        },
      )
      .finally(() => {
        this.running = false;
        this.flushWhenAllWait();
      });
  }
}

/** At most `size` holders at once, the rest in line: the runs' own database work beside the batches. */
export class Gate {
  private free: number;
  private readonly line: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async hold<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.line.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.line.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}
