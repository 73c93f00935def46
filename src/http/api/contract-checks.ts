/**
 * Compile-time proof that the response schemas in src/protocol/api list every field the services
 * return. fast-json-stringify writes only the properties a schema declares, so a field added to a
 * record and not to its schema would vanish from the answer without an error; here it fails `tsc`
 * instead, naming the field. One line per record a route returns.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { AccountView } from '../../accounts/service';
import type { AgentProfile, AgentQueueEntry, AgentSummary, ConversationSummary, CustomerBadge, EscalationInfo, Note, TranscriptFrame, TranscriptMessage } from '../../protocol/agent';
import type * as Accounts from '../../protocol/api/accounts';
import type * as Agents from '../../protocol/api/agents';
import type * as Auth from '../../protocol/api/auth';
import type * as Cases from '../../protocol/api/cases';
import type * as Tests from '../../protocol/api/conversation-tests';
import type * as Conversations from '../../protocol/api/conversations';
import type * as InsightsApi from '../../protocol/api/insights';
import type * as Nlu from '../../protocol/api/nlu';
import type * as Training from '../../protocol/api/training';
import type * as Webhooks from '../../protocol/api/webhooks';
import type { ConversationResult, ConversationTestRun, TranscriptLine } from '../../protocol/conversation-tests';
import type { ArticleRef, QuickReply } from '../../protocol/customer';
import type { Insights, InsightsWeek } from '../../protocol/insights';
import type { TrainingRun } from '../../protocol/training';
import type { WebhookEndpointView } from '../../protocol/webhooks';
import type { Entity, IntentScore, ParseResult } from '../../nlu/types';
import type { CaseRecord, FeedbackRecord } from '../../storage/cases';
import type { LabelRecord, ModelVersionRecord, PromotionRecord, TriageItem } from '../../storage/training';
import type { WebhookDelivery } from '../../storage/webhooks';
import type { InboxEntry, TrainingService } from '../../training/service';

/** `true` when the schema's object and the record have the same keys; otherwise the keys that differ. */
type Covers<S extends TSchema, T> = [Exclude<keyof T, keyof Static<S>>, Exclude<keyof Static<S>, keyof T>] extends [never, never]
  ? true
  : { missingFromSchema: Exclude<keyof T, keyof Static<S>>; notInRecord: Exclude<keyof Static<S>, keyof T> };
type Check<T extends true> = T;
type ThresholdRow = Awaited<ReturnType<TrainingService['thresholds']>>['intents'][number];

export type ContractChecks = [
  Check<Covers<typeof Accounts.AccountView, AccountView>>,
  Check<Covers<typeof Auth.AgentProfile, AgentProfile>>,
  Check<Covers<typeof Agents.AgentSummary, AgentSummary>>,
  Check<Covers<typeof Agents.QueueEntry, AgentQueueEntry>>,
  Check<Covers<typeof Agents.CustomerBadge, CustomerBadge>>,
  Check<Covers<typeof Cases.CaseView, CaseRecord>>,
  Check<Covers<typeof Cases.FeedbackView, FeedbackRecord>>,
  Check<Covers<typeof Conversations.ConversationSummary, ConversationSummary>>,
  Check<Covers<typeof Conversations.Transcript, Omit<TranscriptFrame, 'type'>>>,
  Check<Covers<typeof Conversations.TranscriptMessage, TranscriptMessage>>,
  Check<Covers<typeof Conversations.Note, Note>>,
  Check<Covers<typeof Conversations.EscalationInfo, EscalationInfo>>,
  Check<Covers<typeof InsightsApi.Insights, Insights>>,
  Check<Covers<typeof InsightsApi.InsightsWeek, InsightsWeek>>,
  Check<Covers<typeof Tests.ConversationTestRun, ConversationTestRun>>,
  Check<Covers<typeof Tests.ConversationResult, ConversationResult>>,
  Check<Covers<typeof Tests.TranscriptLine, TranscriptLine>>,
  Check<Covers<typeof Tests.ArticleRef, ArticleRef>>,
  Check<Covers<typeof Tests.QuickReply, QuickReply>>,
  Check<Covers<typeof Nlu.ParseResult, ParseResult>>,
  Check<Covers<typeof Nlu.Entity, Entity>>,
  Check<Covers<typeof Nlu.IntentScore, IntentScore>>,
  Check<Covers<typeof Training.TrainingRun, TrainingRun>>,
  Check<Covers<typeof Training.ModelVersion, ModelVersionRecord>>,
  Check<Covers<typeof Training.TriageItem, TriageItem>>,
  Check<Covers<typeof Training.TriageEntry, InboxEntry>>,
  Check<Covers<typeof Training.LabelInfo, LabelRecord>>,
  Check<Covers<typeof Training.Promotion, PromotionRecord>>,
  Check<Covers<typeof Training.ThresholdRow, ThresholdRow>>,
  Check<Covers<typeof Webhooks.EndpointView, WebhookEndpointView>>,
  Check<Covers<typeof Webhooks.DeliveryView, WebhookDelivery>>,
];
