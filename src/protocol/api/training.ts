/**
 * `/api/training/*`: the operators' loop (docs/training.md): triage inbox and labels, promoted
 * replies, retrain runs, model versions, per-intent thresholds; and the agents' intent list.
 */
import { Type, type Static } from '@sinclair/typebox';
import { TRIAGE_REASONS } from '../training';
import { IntentName, StringEnum } from './params';

export const TriageReason = StringEnum(TRIAGE_REASONS);
const Guess = Type.Object({ name: Type.String(), category: Type.String(), confidence: Type.Number() });

export const LabelInfo = Type.Object({
  itemId: Type.String(),
  intent: Type.String(),
  isNewIntent: Type.Boolean(),
  category: Type.Optional(Type.String()),
  labelledBy: Type.String(),
  labelledAt: Type.Integer(),
  conversationId: Type.Optional(Type.String()),
});
export type LabelInfo = Static<typeof LabelInfo>;

/** One customer message waiting for a label. */
const triageItemFields = {
  id: Type.String(),
  conversationId: Type.Optional(Type.String()),
  messageSeq: Type.Optional(Type.Integer()),
  messageId: Type.Optional(Type.String()),
  text: Type.String(),
  reason: TriageReason,
  reasons: Type.Array(TriageReason),
  topGuesses: Type.Array(Guess),
  createdAt: Type.Integer(),
  dedupeKey: Type.String(),
  label: Type.Optional(LabelInfo),
};
export const TriageItem = Type.Object(triageItemFields);

export const ContextMessage = Type.Object({ seq: Type.Integer(), from: Type.String(), text: Type.String() });
export const TriageEntry = Type.Object({
  ...triageItemFields,
  cluster: Type.Integer({ description: 'Index into `clusters`.' }),
  context: Type.Array(ContextMessage),
});
export const TriageCluster = Type.Object({ id: Type.Integer(), size: Type.Integer(), itemIds: Type.Array(Type.String()), example: Type.String() });
export const InboxPage = Type.Object({ items: Type.Array(TriageEntry), clusters: Type.Array(TriageCluster) });
export type InboxPage = Static<typeof InboxPage>;

export const TriageQuery = Type.Object(
  {
    reason: Type.Optional(TriageReason),
    intent: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.Integer({ minimum: 0 })),
    to: Type.Optional(Type.Integer({ minimum: 0 })),
    status: Type.Optional(StringEnum(['unlabelled', 'labelled', 'all'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const FlagBody = Type.Object(
  { conversationId: Type.String({ minLength: 1, maxLength: 100 }), messageId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export const FlagAnswer = Type.Object({ item: TriageItem });

export const LabelBody = Type.Object(
  {
    itemIds: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 500 }),
    intent: Type.Optional(IntentName),
    newIntent: Type.Optional(Type.Object({ name: IntentName, category: IntentName }, { additionalProperties: false })),
    notARequest: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, description: 'itemIds and one of intent, newIntent or notARequest.' },
);
export const LabelList = Type.Object({ labels: Type.Array(LabelInfo) });
export const AgentLabel = Type.Object({ label: LabelInfo });

export const PromotionKind = StringEnum(['canned_answer', 'kb_draft']);
export const PromoteBody = Type.Object(
  {
    conversationId: Type.String({ maxLength: 100 }),
    messageId: Type.String({ maxLength: 100 }),
    kind: PromotionKind,
    title: Type.Optional(Type.String({ maxLength: 200 })),
    intent: Type.Optional(IntentName),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })),
  },
  { additionalProperties: false },
);
export const Promotion = Type.Object({
  id: Type.String(),
  kind: PromotionKind,
  conversationId: Type.Optional(Type.String()),
  messageId: Type.Optional(Type.String()),
  text: Type.String(),
  title: Type.Optional(Type.String()),
  intent: Type.Optional(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.Integer(),
});
export const PromotionAnswer = Type.Object({ promotion: Promotion });
export const PromotionQuery = Type.Object({ kind: Type.Optional(PromotionKind) }, { additionalProperties: false });
export const PromotionList = Type.Object({ promotions: Type.Array(Promotion) });

export const IntentInfo = Type.Object({ name: Type.String(), category: Type.String() });
export type IntentInfo = Static<typeof IntentInfo>;
export const IntentList = Type.Object({ intents: Type.Array(IntentInfo) });

// ---- runs and model versions ----
export const TrainingRun = Type.Object({
  id: Type.String(),
  status: StringEnum(['running', 'succeeded', 'failed']),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  startedBy: Type.String(),
  startedAt: Type.Integer(),
  finishedAt: Type.Optional(Type.Integer()),
  versionId: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
  embedding: Type.Optional(Type.Object({ done: Type.Integer(), total: Type.Integer() }, { description: 'Accurate mode: texts embedded so far, texts to embed.' })),
});
export const RunAnswer = Type.Object({ run: TrainingRun });
export const RunList = Type.Object({ runs: Type.Array(TrainingRun) });

/**
 * A model version. `metrics` is what the retrain measured (accuracy, per-intent F1, confusion,
 * reliability…): a versioned record that grows with the trainer, so it is passed through as
 * stored (`additionalProperties`), never trimmed by the serialiser.
 */
export const ModelVersion = Type.Object({
  id: Type.String(),
  dataHash: Type.String(),
  metrics: Type.Record(Type.String(), Type.Unknown(), { description: 'As the retrain stored it (docs/training.md).' }),
  author: Type.String(),
  createdAt: Type.Integer(),
  active: Type.Boolean(),
  activatedAt: Type.Optional(Type.Integer()),
  activatedBy: Type.Optional(Type.String()),
});
export const VersionList = Type.Object({ versions: Type.Array(ModelVersion) });
export const VersionAnswer = Type.Object({ version: ModelVersion });
/** `null`: the built-in model from intents/. */
export const ActiveAnswer = Type.Object({ active: Type.Union([Type.String(), Type.Null()]) });

// ---- thresholds ----
export const ThresholdRow = Type.Object({
  intent: Type.String(),
  threshold: Type.Union([Type.Number(), Type.Null()]),
  effective: Type.Number(),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.Integer(), Type.Null()]),
  suggested: Type.Union([
    Type.Object({ threshold: Type.Number(), precision: Type.Number(), covered: Type.Number(), predicted: Type.Optional(Type.Number()) }),
    Type.Null(),
  ]),
});
export const ThresholdsPage = Type.Object({ global: Type.Number(), suggestedFrom: Type.Union([Type.String(), Type.Null()]), intents: Type.Array(ThresholdRow) });
export type ThresholdsPage = Static<typeof ThresholdsPage>;
export const IntentParams = Type.Object({ intent: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const ThresholdBody = Type.Object(
  { threshold: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'null: back to the global threshold.' }) },
  { additionalProperties: false },
);
export const ThresholdAnswer = Type.Object({ intent: Type.String(), threshold: Type.Union([Type.Number(), Type.Null()]) });
