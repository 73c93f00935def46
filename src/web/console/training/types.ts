/**
 * The /api/training payloads as the console reads them (docs/training.md): the server's schemas'
 * types, plus the console's reading of a version's open-ended `metrics`.
 */
import type { Static } from '@sinclair/typebox';
import type * as Api from '../../../protocol/api/training';

import type { LabelledOutcome, ReliabilityBin, TriageReason } from '../../../protocol/training';

export { NOT_A_REQUEST, TRIAGE_REASONS, type LabelledOutcome, type TrainingRun, type TriageReason } from '../../../protocol/training';
export type TriageStatus = 'unlabelled' | 'labelled' | 'all';

// The payloads as the server declares them (src/protocol/api/training.ts): types only, so no TypeBox in the bundle.
export type Guess = Static<typeof Api.TriageEntry>['topGuesses'][number];
export type ContextMessage = Static<typeof Api.ContextMessage>;
export type LabelInfo = Static<typeof Api.LabelInfo>;
export type TriageEntry = Static<typeof Api.TriageEntry>;
export type TriageCluster = Static<typeof Api.TriageCluster>;
export type InboxPage = Static<typeof Api.InboxPage>;

export interface TriageFilter {
  reason?: TriageReason;
  intent?: string;
  /** yyyy-mm-dd (local day), inclusive. */
  fromDay?: string;
  /** yyyy-mm-dd (local day), inclusive. */
  toDay?: string;
  status?: TriageStatus;
}

export type IntentInfo = Static<typeof Api.IntentInfo>;

/** One of the three ways to label. */
export type LabelChoice = { intent: string } | { newIntent: { name: string; category: string } } | { notARequest: true };

export interface IntentDelta {
  candidateF1: number;
  activeF1: number;
  delta: number;
  support: number;
}

export interface ConfusionMatrix {
  labels: string[];
  /** matrix[i][j]: examples of true labels[i] predicted as labels[j]. */
  matrix: number[][];
}

/** What a retrain stores with its version; every field optional so older versions still render. */
export interface VersionMetrics {
  heldOut?: number;
  candidate?: { accuracy: number; macroF1: number; ece?: number };
  active?: { modelId: string; accuracy: number; macroF1: number; deployedAccuracy: number };
  delta?: { accuracy: number; macroF1: number };
  perIntent?: Record<string, IntentDelta>;
  nowRight?: LabelledOutcome[];
  nowWrong?: LabelledOutcome[];
  stillWrong?: LabelledOutcome[];
  report?: { accuracy: number; macroF1: number; confusion: ConfusionMatrix; count: number; ece?: number; reliability?: ReliabilityBin[] };
  examples?: number;
  labelledExamples?: number;
  newIntents?: string[];
  trainMs?: number;
  /** The intent-model mode it was trained in (`default`, `use-lite`); absent on versions from before modes: default. */
  mode?: string;
}

/** A model version; the server passes `metrics` through as stored, the console reads it as VersionMetrics. */
export type ModelVersion = Omit<Static<typeof Api.ModelVersion>, 'metrics'> & { metrics: VersionMetrics };

export type ThresholdRow = Static<typeof Api.ThresholdRow>;
export type ThresholdsPage = Static<typeof Api.ThresholdsPage>;
