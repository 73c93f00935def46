/**
 * Wire types of the operators' training API (`/api/training`, docs/training.md) that the server's
 * training parts and the console both use. Types and constants only, no Node imports.
 */

/** Why a customer message landed in the triage inbox (`operator_flagged`: an operator picked it from a transcript). */
export type TriageReason = 'low_confidence' | 'handoff' | 'bad_rating' | 'agent_corrected' | 'operator_flagged' | 'imported';
export const TRIAGE_REASONS: readonly TriageReason[] = ['low_confidence', 'handoff', 'bad_rating', 'agent_corrected', 'operator_flagged', 'imported'];

/** The label meaning "this was not a real request"; such examples train `out_of_scope`. */
export const NOT_A_REQUEST = '__not_a_request';

export type RunStatus = 'running' | 'succeeded' | 'failed';

/** One retrain run (`GET /api/training/runs/:id`). */
export interface TrainingRun {
  id: string;
  status: RunStatus;
  /** 0…1. */
  progress: number;
  /**
   * Accurate mode, while the run embeds examples never embedded before (the first part of
   * `progress`): texts embedded so far and texts to embed. Absent in the default mode and once
   * training proper has begun.
   */
  embedding?: { done: number; total: number };
  /** Agent id of who started it. */
  startedBy: string;
  startedAt: number;
  finishedAt?: number;
  /** The model version it stored (when succeeded). */
  versionId?: string;
  /** Why it failed (safe to show). */
  error?: string;
}

/** A labelled message and what the active and the new model say about it. */
export interface LabelledOutcome {
  itemId: string;
  text: string;
  expected: string;
  /** What the active model says. */
  before: string;
  /** What the new model says. */
  after: string;
}

/** Held-out examples whose top confidence fell in [lower, upper) (the last bin includes 1): one bar of a reliability diagram. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Share of them predicted right. */
  accuracy: number;
  /** Their mean top confidence. */
  confidence: number;
}
