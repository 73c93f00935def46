/**
 * A cap on work in flight, shared fairly between clients: at most `maxInFlight` tasks run at once,
 * and when more wait, the next to start is taken round-robin by key (a client address), so a host
 * that floods with many sockets gets one turn in k instead of crowding out everyone else.
 * Per key, tasks start in the order they were given.
 */
export interface FairSchedulerOptions {
  /**
   * Tasks running at once (turns: understand, decide, store). Default 8.
   * @example { maxInFlight: 4 }
   */
  maxInFlight?: number;
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
  const waiting = new Map<string, Array<() => void>>();
  /** Keys with waiting tasks, in the order they get their next turn. */
  const rotation: string[] = [];
  let inFlight = 0;

  function pump(): void {
    while (inFlight < maxInFlight && rotation.length > 0) {
      const key = rotation.shift()!;
      const queue = waiting.get(key)!;
      const start = queue.shift()!;
      if (queue.length > 0) rotation.push(key);
      else waiting.delete(key);
      inFlight++;
      start();
    }
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
          result.then(resolve, reject).finally(() => {
            inFlight--;
            pump();
          });
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
