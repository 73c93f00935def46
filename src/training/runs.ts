/**
 * Retrain runs as every node sees them: the node that trains publishes each change on the bus,
 * and every node (itself included) keeps the latest state, so `GET /api/training/runs/:id`
 * answers on whichever node the load balancer picks.
 */
import type { TrainingRun } from '../protocol/training';

export type { RunStatus, TrainingRun } from '../protocol/training';

export const RUN_EVENT = 'training.run';
const KEEP = 50;

export function createRunRegistry() {
  const runs = new Map<string, TrainingRun>();
  return {
    /** Stores the newer state (progress only moves forward; a finished run stays finished). */
    upsert(run: TrainingRun): void {
      const prev = runs.get(run.id);
      if (prev && prev.status !== 'running') return;
      if (prev && run.status === 'running' && run.progress < prev.progress) return;
      runs.set(run.id, { ...run });
      if (runs.size > KEEP) runs.delete(runs.keys().next().value as string);
    },
    get(id: string): TrainingRun | undefined {
      const r = runs.get(id);
      return r && { ...r };
    },
    /** Newest first. */
    list(): TrainingRun[] {
      return [...runs.values()].reverse().map((r) => ({ ...r }));
    },
  };
}
