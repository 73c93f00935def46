/**
 * The /api/training payloads as the console reads them (docs/training.md). Declared here because
 * browser code imports only src/protocol; fields the console does not use are left out.
 */

import type { LabelledOutcome, ReliabilityBin, TriageReason } from '../../../protocol/training';

export { NOT_A_REQUEST, TRIAGE_REASONS, type LabelledOutcome, type TrainingRun, type TriageReason } from '../../../protocol/training';
export type TriageStatus = 'unlabelled' | 'labelled' | 'all';

export interface Guess {
  name: string;
  category: string;
  confidence: number;
}

export interface ContextMessage {
  seq: number;
  from: string;
  text: string;
}

export interface LabelInfo {
  itemId: string;
  intent: string;
  isNewIntent: boolean;
  category?: string;
  labelledBy: string;
  labelledAt: number;
  conversationId?: string;
}

export interface TriageEntry {
  id: string;
  conversationId?: string;
  messageSeq?: number;
  text: string;
  reason: TriageReason;
  reasons: TriageReason[];
  topGuesses: Guess[];
  createdAt: number;
  label?: LabelInfo;
  cluster: number;
  context: ContextMessage[];
}

export interface TriageCluster {
  id: number;
  size: number;
  itemIds: string[];
  example: string;
}

export interface InboxPage {
  items: TriageEntry[];
  clusters: TriageCluster[];
}

export interface TriageFilter {
  reason?: TriageReason;
  intent?: string;
  /** yyyy-mm-dd (local day), inclusive. */
  fromDay?: string;
  /** yyyy-mm-dd (local day), inclusive. */
  toDay?: string;
  status?: TriageStatus;
}

export interface IntentInfo {
  name: string;
  category: string;
}

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

export interface ModelVersion {
  id: string;
  dataHash: string;
  metrics: VersionMetrics;
  author: string;
  createdAt: number;
  active: boolean;
  activatedAt?: number;
  activatedBy?: string;
}

export interface ThresholdRow {
  intent: string;
  threshold: number | null;
  effective: number;
  updatedBy: string | null;
  updatedAt: number | null;
  suggested: { threshold: number; precision: number; covered: number; predicted?: number } | null;
}

export interface ThresholdsPage {
  global: number;
  suggestedFrom: string | null;
  intents: ThresholdRow[];
}
