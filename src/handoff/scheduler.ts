import type { Logger } from 'pino';
import type { Bus, QueueBusEvent } from '../bus/types';
import { channels } from '../bus/types';
import type { EscalationRecord } from '../storage/types';

/** A new escalation, announced to agents with the queue refresh that follows it. */
export interface EscalationAlert {
  conversationId: string;
  reason: EscalationRecord['reason'];
  priority: EscalationRecord['priority'];
}

export type TimerHandle = unknown;

/** The timers the scheduler uses; tests pass a simulated clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers, unref'd: a pending refresh or sweep never keeps the process alive. */
export const nodeTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerDeps {
  bus: Pick<Bus, 'subscribe'>;
  /** Default: Node's timers. */
  timers?: Timers;
  /**
   * Queue events (socket open/close, presence, claims, escalations) within this many ms of the
   * first one cause one refresh. Default 100.
   * @example 100 // 40 consoles reconnecting after a deploy: one refresh per node, not 40
   */
  debounceMs?: number;
  /** How often the sweep runs. Default 5000. */
  sweepIntervalMs?: number;
  /** Rebuilds the queue and tells everyone; gets the escalations announced since the last refresh, oldest first. */
  refresh(alerts: EscalationAlert[]): Promise<void>;
  /** The periodic requeue sweep and heartbeat. */
  sweep(): Promise<unknown>;
  logger?: Logger;
}

/**
 * When the hand-off does its work on this node: a queue refresh after queue events on the bus
 * (debounced, one at a time, in order) and the periodic sweep. A trigger only: what to do is
 * read from storage each time, so a lost event or timer costs a delay, never a wrong answer.
 */
export function createHandoffScheduler(deps: SchedulerDeps) {
  const timers = deps.timers ?? nodeTimers;
  const debounceMs = deps.debounceMs ?? 100;
  const sweepIntervalMs = deps.sweepIntervalMs ?? 5000;
  const { logger } = deps;

  /** Alerts of the events waiting for the next refresh; undefined when none is waiting. */
  let batch: EscalationAlert[] | undefined;
  let debounce: TimerHandle | undefined;
  let batchFlushed: Promise<void> = Promise.resolve();
  let flushBatch: () => void = () => {};
  let running: Promise<void> = Promise.resolve();
  let sweepTimer: TimerHandle | undefined;
  let started = false;
  let unsubscribe: (() => Promise<void>) | undefined;

  function trigger(alert?: EscalationAlert): void {
    if (!started) return;
    if (batch) {
      if (alert) batch.push(alert);
      return;
    }
    batch = alert ? [alert] : [];
    batchFlushed = new Promise((resolve) => (flushBatch = resolve));
    debounce = timers.setTimeout(flush, debounceMs);
  }

  function flush(): void {
    const alerts = batch ?? [];
    batch = undefined;
    debounce = undefined;
    running = running.then(() => deps.refresh(alerts)).catch((err) => logger?.error({ err }, 'queue refresh failed'));
    flushBatch();
  }

  function onQueueEvent(event: QueueBusEvent): void {
    if (event.type !== 'escalated') return trigger();
    const e = event.escalation;
    trigger({ conversationId: e.conversationId, reason: e.reason, priority: e.priority });
  }

  function scheduleSweep(): void {
    sweepTimer = timers.setTimeout(() => {
      void deps
        .sweep()
        .catch((err) => logger?.error({ err }, 'requeue sweep failed'))
        .finally(() => {
          if (started) scheduleSweep();
        });
    }, sweepIntervalMs);
  }

  return {
    /** Subscribes to the queue channel and starts the sweep. */
    async start(): Promise<void> {
      if (started) return;
      started = true;
      unsubscribe = await deps.bus.subscribe(channels.queue, onQueueEvent);
      scheduleSweep();
    },

    /** Stops both; a refresh still waiting is dropped, one running is awaited. */
    async stop(): Promise<void> {
      started = false;
      if (debounce !== undefined) timers.clearTimeout(debounce);
      if (sweepTimer !== undefined) timers.clearTimeout(sweepTimer);
      debounce = sweepTimer = batch = undefined;
      flushBatch();
      await unsubscribe?.();
      unsubscribe = undefined;
      await running;
    },

    /** Resolves once the refreshes triggered so far on this node, and any they trigger, are done. */
    async idle(): Promise<void> {
      for (;;) {
        await batchFlushed;
        const current = running;
        await current;
        if (batch === undefined && current === running) return;
      }
    },
  };
}
