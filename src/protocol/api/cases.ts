/** Support cases and customer feedback for staff (`/api/cases`, `/api/feedback`, docs/cases.md). */
import { StringEnum } from './params';
import { Type, type Static } from '@sinclair/typebox';
import { Priority } from './agents';

export const CaseStatus = StringEnum(['open', 'waiting_on_customer', 'in_review', 'resolved']);
export type CaseStatus = Static<typeof CaseStatus>;
export const CaseKind = StringEnum(['refund', 'dispute', 'security', 'billing', 'offline']);

export const CaseSlot = Type.Object({ label: Type.String(), value: Type.String() });
export type CaseSlot = Static<typeof CaseSlot>;

export const CaseView = Type.Object(
  {
    id: Type.String({ examples: ['CS-7K3P9Q'] }),
    conversationId: Type.String(),
    kind: CaseKind,
    status: CaseStatus,
    priority: Priority,
    /** What the bot collected (intent, slots…), already masked: open-ended, kept as stored. */
    details: Type.Object(
      {
        intent: Type.Optional(Type.String()),
        slots: Type.Optional(Type.Record(Type.String(), CaseSlot)),
      },
      { additionalProperties: true, description: 'What the bot collected, already masked; flows add their own keys.' },
    ),
    email: Type.Optional(Type.String()),
    followUpBy: Type.Integer({ description: 'When the customer can expect to hear from us (epoch ms).' }),
    sourceMessageId: Type.String(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { additionalProperties: false },
);
export type CaseView = Static<typeof CaseView>;

export const FeedbackView = Type.Object(
  { conversationId: Type.String(), rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String()), createdAt: Type.Integer() },
  { additionalProperties: false },
);
export type FeedbackView = Static<typeof FeedbackView>;

const Limit = Type.Integer({ minimum: 1, maximum: 1000, default: 100 });

export const CaseQuery = Type.Object(
  { status: Type.Optional(CaseStatus), conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);
export const CaseList = Type.Object({ cases: Type.Array(CaseView) });
export const CaseWithFeedback = Type.Object({ case: CaseView, feedback: Type.Array(FeedbackView) });
export const CaseAnswer = Type.Object({ case: CaseView });
export const CasePatchBody = Type.Object({ status: CaseStatus }, { additionalProperties: false });

export const FeedbackQuery = Type.Object(
  {
    conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    maxRating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export const FeedbackList = Type.Object({ feedback: Type.Array(FeedbackView) });
