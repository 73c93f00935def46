/**
 * A cap on work in flight, shared fairly between clients: at most `maxInFlight` tasks run at once,
 * at most `maxInFlightPerKey` of them for one key (a client address), and when more wait, the next
 * to start is taken round-robin by key. A host that floods with many sockets gets one turn in k
 * and never more than its own few slots, so everyone else's turns start at once, while many
 * clients' turns still run together (and share the storage's group commit).
 * Per key, tasks start in the order they were given.
 */
export interface FairSchedulerOptions {
  /**
   * Tasks running at once (turns: understand, decide, store). Default 8.
   * @example { maxInFlight: 4 }
   */
  maxInFlight?: number;
  /**
   * Tasks one key may have running at once; its next waits even when slots are free. Default 2.
   * @example { maxInFlightPerKey: 1 }
   */
  maxInFlightPerKey?: number;
  /**
   * Most tasks one key may have waiting; one more is refused with `SchedulerFullError`. Default 50.
   * @example { maxWaitingPerKey: 20 }
   */
  maxWaitingPerKey?: number;
}

/** The key already has `maxWaitingPerKey` tasks waiting. */
export class SchedulerFullError extends Error {
  constructor(readonly key: string) {
    super('too much work waiting for this client');
    this.name = 'SchedulerFullError';
  }
}

/**
 * @example
 * const turns = createFairScheduler({ maxInFlight: 8 });
 * await turns.run(req.ip, () => service.handleCustomer(id, frame));
 */
export function createFairScheduler(options: FairSchedulerOptions = {}) {
  const maxInFlight = options.maxInFlight ?? 8;
  const maxWaiting = options.maxWaitingPerKey ?? 50;
  const perKey = options.maxInFlightPerKey ?? 2;
  const running = new Map<string, number>();
  const waiting = new Map<string, Array<() => void>>();
  /** Keys with waiting tasks, in the order they get their next turn. */
  const rotation: string[] = [];
  let inFlight = 0;

  function pump(): void {
    // Keys at their own cap keep their place in the rotation; stop once a full pass starts nothing.
    let skipped = 0;
    while (inFlight < maxInFlight && skipped < rotation.length) {
      const key = rotation.shift()!;
      if ((running.get(key) ?? 0) >= perKey) {
        rotation.push(key);
        skipped++;
        continue;
      }
      skipped = 0;
      const queue = waiting.get(key)!;
      const start = queue.shift()!;
      if (queue.length > 0) rotation.push(key);
      else waiting.delete(key);
      inFlight++;
      running.set(key, (running.get(key) ?? 0) + 1);
      start();
    }
  }

  function finished(key: string): void {
    inFlight--;
    const left = (running.get(key) ?? 1) - 1;
    if (left > 0) running.set(key, left);
    else running.delete(key);
    pump();
  }

  return {
    /** Runs `task` when a slot is free and it is `key`'s turn; settles as the task does. */
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let queue = waiting.get(key);
        if (queue && queue.length >= maxWaiting) {
          reject(new SchedulerFullError(key));
          return;
        }
        const start = (): void => {
          let result: Promise<T>;
          try {
            result = task();
          } catch (err) {
            result = Promise.reject(err);
          }
          result.then(resolve, reject).finally(() => finished(key));
        };
        if (!queue) {
          queue = [];
          waiting.set(key, queue);
          rotation.push(key);
        }
        queue.push(start);
        pump();
      });
    },
    /** Tasks running now. */
    get inFlight(): number {
      return inFlight;
    },
    /** Tasks waiting, all keys together. */
    get waiting(): number {
      let n = 0;
      for (const q of waiting.values()) n += q.length;
      return n;
    },
  };
}

export type FairScheduler = ReturnType<typeof createFairScheduler>;
