/**
 * Runs tasks one at a time per key, in the order they were added: the single-process half of
 * "messages of one conversation are processed one at a time, in arrival order". Keys with no work
 * pending hold no memory.
 */
export function createSerialQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const prev = tails.get(key) ?? Promise.resolve();
      const next = prev.then(task, task);
      const tail = next.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
    /** Resolves once no task is queued or running (work added meanwhile is waited for too). */
    async idle(): Promise<void> {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
    /** Keys with work queued or running (for metrics and tests). */
    get size(): number {
      return tails.size;
    },
  };
}
export type SerialQueue = ReturnType<typeof createSerialQueue>;
