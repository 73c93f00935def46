/**
 * The operators' loop: triage inbox → labels → background retrain with evaluation against the
 * active model → model versions → activate / roll back on every node → per-intent thresholds.
 * Also the agents' share: the one-click intent on an escalated chat, promoted replies.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Bus } from '../bus/types';
import { channels } from '../bus/types';
import { renderEvalHtml } from '../nlu/eval-report';
import { reliabilitySvg } from '../nlu/reliability-chart';
import type { EvaluationReport } from '../nlu/evaluate';
import { dataHash, loadModel, type IntentModel, type LoadModelOptions } from '../nlu/model';
import type { SentenceCache } from '../nlu/sentence-cache';
import { normalize } from '../nlu/tokenize';
import type { IntentDefinition } from '../nlu/types';
import {
  handoffMessage,
  NOT_A_REQUEST,
  TOP_GUESSES,
  triageItemFor,
  type LabelledItem,
  type LabelRecord,
  type ModelVersionRecord,
  type PromotionKind,
  type PromotionRecord,
  type TriageFilter,
  type TriageItem,
  type TriageSourceMessage,
} from '../storage/training';
import type { MessageRecord, Storage } from '../storage/types';
import { clusterTexts } from './cluster';
import { compareModels } from './compare';
import { buildTrainingSet, splitHeldOut } from './dataset';
import { TrainingError } from './errors';
import { MODEL_ACTIVATED, THRESHOLDS_CHANGED, type ModelSwitch } from './model-switch';
import { workerRunner, type TrainRunner } from './runner';
import { rollbackTarget } from './rollback';
import { createRunRegistry, RUN_EVENT, type TrainingRun } from './runs';

export interface TrainingLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface TrainingServiceDeps {
  storage: Pick<Storage, 'training' | 'messagesAfter' | 'findMessage' | 'listEscalations'>;
  bus: Bus;
  /** intents/ as loaded at start-up: the base of every retrain. */
  intents: IntentDefinition[];
  /** The model answering on this node now (the comparison baseline). */
  activeModel: () => IntentModel;
  /** Applies activations on this node right away (the bus tells the others). */
  switcher: ModelSwitch;
  /** Masks card numbers and the like (src/privacy). */
  mask: (text: string) => string;
  /** Global confidence threshold (config NLU_CONFIDENCE_THRESHOLD), shown beside per-intent ones. */
  globalThreshold: number;
  /**
   * Accurate mode (config `NLU_ENCODER=use-lite` with its packages present): retrains embed the
   * examples not embedded before into `sentences` (its file is in `dir`), then train in that mode.
   * Omitted: the default mode.
   */
  accurate?: { sentences: SentenceCache; dir: string };
  /** Restores model artifacts of this node's mode (`NluRuntime.loadOptions`). Default: default mode only. */
  loadOptions?: LoadModelOptions;
  /** Where training runs. Default: a worker thread. */
  runner?: TrainRunner;
  logger?: TrainingLogger;
  /** Seed of the held-out split and of training. Default 1. */
  seed?: number;
  now?: () => number;
}

/** One message of an item's conversation, around it. */
export interface ContextMessage {
  seq: number;
  from: MessageRecord['from'];
  text: string;
}

export interface InboxEntry extends TriageItem {
  /** Index into `clusters`: similar messages share it. */
  cluster: number;
  /** A few messages around it in its conversation (empty for imports). */
  context: ContextMessage[];
}

export interface InboxPage {
  items: InboxEntry[];
  /** Similar messages, biggest first: ids to bulk-select, and one example text. */
  clusters: Array<{ id: number; size: number; itemIds: string[]; example: string }>;
}

export interface LabelRequest {
  itemIds: string[];
  /** An existing intent… */
  intent?: string;
  /** …or a new one… */
  newIntent?: { name: string; category: string };
  /** …or "not a real request" (trains out_of_scope). */
  notARequest?: boolean;
}

const NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** A stored message as the triage helpers read it. */
const sourceOf = (m: MessageRecord): TriageSourceMessage => ({
  conversationId: m.conversationId,
  seq: m.seq,
  id: m.id,
  text: m.text,
  meta: m.meta,
  createdAt: m.createdAt,
});
const CONTEXT_BEFORE = 3;
const CONTEXT_AFTER = 2;

export function createTrainingService(deps: TrainingServiceDeps) {
  const { storage, bus, intents, switcher } = deps;
  const store = storage.training;
  const now = deps.now ?? Date.now;
  const seed = deps.seed ?? 1;
  const runner = deps.runner ?? workerRunner;
  const runs = createRunRegistry();
  const load = (artifact: unknown) => loadModel(artifact, deps.loadOptions);
  /** The mode a model was trained in, as stored with its version (`metrics.mode`) and shown in the console. */
  const modeOf = (m: IntentModel): string => m.meta.encoder ?? 'default';
  let localRun: string | undefined;
  let unsubscribe: (() => Promise<void>) | undefined;
  // Document frequencies for clustering: the everyday words of intents/ weigh little.
  const background = intents.flatMap((d) => d.examples);

  async function knownIntents(): Promise<Map<string, string>> {
    const known = new Map(intents.map((d) => [d.name, d.category]));
    const m = deps.activeModel();
    for (const n of m.meta.intents) if (!known.has(n)) known.set(n, m.meta.categories[n] ?? n);
    for (const { label } of await store.listLabelled()) {
      if (label.isNewIntent && !known.has(label.intent)) known.set(label.intent, label.category ?? label.intent);
    }
    return known;
  }

  async function contextOf(item: TriageItem): Promise<ContextMessage[]> {
    if (!item.conversationId || item.messageSeq === undefined) return [];
    const from = Math.max(0, item.messageSeq - CONTEXT_BEFORE - 1);
    const msgs = await storage.messagesAfter(item.conversationId, from, CONTEXT_BEFORE + CONTEXT_AFTER + 1);
    return msgs.map((m) => ({ seq: m.seq, from: m.from, text: m.text }));
  }

  /** The inbox item of a conversation's message (dedupe key `<conversationId>:<messageId>`), if any. */
  async function itemOf(conversationId: string, messageId: string): Promise<TriageItem | undefined> {
    return (await store.listTriage({ conversationId, status: 'all', limit: 10_000 })).find((i) => i.messageId === messageId);
  }

  async function publishRun(run: TrainingRun): Promise<void> {
    runs.upsert(run);
    await bus.publish(channels.models, { type: RUN_EVENT, run: { ...run } }).catch((err: unknown) => {
      deps.logger?.error({ err, runId: run.id }, 'publishing training progress failed');
    });
  }

  /**
   * The labels the active model was trained with: none for the built-in model; for a stored
   * version, those labelled up to its `labelsUpTo` (relabelled items count with their new label).
   */
  async function activeLabels(labelled: LabelledItem[]): Promise<LabelledItem[]> {
    const id = switcher.activeVersionId;
    if (id === null) return [];
    const v = await store.getVersion(id);
    const upTo = typeof v?.metrics.labelsUpTo === 'number' ? v.metrics.labelsUpTo : (v?.createdAt ?? 0);
    return labelled.filter((l) => l.label.labelledAt <= upTo);
  }

  async function train(run: TrainingRun): Promise<void> {
    const labelled = await store.listLabelled();
    const set = buildTrainingSet(intents, labelled);
    const { train: trainPart, heldOut } = splitHeldOut(set.examples, seed);
    const heldTexts = new Set(heldOut.map((e) => normalize(e.text)));
    const activeSet = buildTrainingSet(intents, await activeLabels(labelled));
    const baseline = activeSet.examples.filter((e) => !heldTexts.has(normalize(e.text)));
    const strip = (e: { text: string; intent: string; category: string }) => ({ text: e.text, intent: e.intent, category: e.category });
    const sameData = baseline.length === trainPart.length && dataHash(baseline, activeSet.categories) === dataHash(trainPart, set.categories);
    let lastPublished = 0;
    // Accurate mode embeds first (only texts never embedded before; the first retrain after
    // switching modes embeds them all, minutes for thousands): that is the first part of the progress.
    let trainFrom = 0;
    const accurate = deps.accurate;
    if (accurate) {
      const texts = [...set.examples, ...baseline].map((e) => e.text);
      const { embedded } = await accurate.sentences.ensure(texts, (done, total) => {
        if (total === 0) return;
        const progress = 0.5 * (done / total);
        if (done === total || progress - lastPublished >= 0.02) {
          lastPublished = progress;
          void publishRun({ ...run, progress, embedding: { done, total } });
        }
      });
      if (embedded > 0) trainFrom = 0.5;
    }
    const job = {
      train: trainPart.map(strip),
      all: set.examples.map(strip),
      categories: set.categories,
      seed,
      ...(sameData ? {} : { baseline: baseline.map(strip), baselineCategories: activeSet.categories }),
      ...(accurate ? { sentences: { encoder: accurate.sentences.encoder, dims: accurate.sentences.dims, dir: accurate.dir } } : {}),
    };
    const result = await runner(job, (f) => {
      const progress = Math.min(0.95, trainFrom + f * (0.95 - trainFrom));
      if (progress - lastPublished >= 0.02) {
        lastPublished = progress;
        void publishRun({ ...run, progress });
      }
    });
    const evaluated = load(result.evaluated);
    const final = load(result.final);
    const comparison = compareModels(evaluated, result.baseline ? load(result.baseline) : evaluated, deps.activeModel(), heldOut);
    const versionId = `${final.meta.id}-${randomBytes(2).toString('hex')}`;
    await store.createVersion({
      id: versionId,
      dataHash: final.meta.dataHash,
      author: run.startedBy,
      artifact: result.final,
      metrics: {
        ...comparison,
        modelId: final.meta.id,
        mode: modeOf(final),
        examples: set.examples.length,
        labelledExamples: set.labelled,
        intents: final.meta.intents.length,
        newIntents: final.meta.intents.filter((n) => !intents.some((d) => d.name === n)),
        trainMs: result.trainMs,
        seed,
        labelsUpTo: labelled.reduce((m, l) => Math.max(m, l.label.labelledAt), 0),
      },
    });
    deps.logger?.info(
      { runId: run.id, versionId, accuracy: comparison.candidate.accuracy, activeAccuracy: comparison.active.accuracy, trainMs: result.trainMs },
      'retrain finished',
    );
    await publishRun({ ...run, status: 'succeeded', progress: 1, versionId, finishedAt: now() });
  }

  async function activate(versionId: string | null, by: string): Promise<void> {
    if (versionId !== null) {
      const v = await store.getVersion(versionId);
      if (!v) throw new TrainingError('not_found', `no model version ${versionId}`);
      const mode = typeof v.metrics.mode === 'string' ? v.metrics.mode : 'default';
      // Refused before anything changes: this node could not answer with it (nor could its peers, which run the same config).
      if (mode !== 'default' && deps.accurate?.sentences.encoder !== mode) {
        throw new TrainingError('validation', `model version ${versionId} was trained in the ${mode} mode, which this server does not run (NLU_ENCODER, optional packages)`);
      }
    }
    if (!(await store.activateVersion(versionId, by))) throw new TrainingError('not_found', `no model version ${versionId}`);
    await switcher.apply(versionId);
    await bus.publish(channels.models, { type: MODEL_ACTIVATED, versionId, by });
  }

  return {
    /** Follows other nodes' run progress. */
    async start(): Promise<void> {
      unsubscribe = await bus.subscribe(channels.models, (e) => {
        if (e.type === RUN_EVENT) runs.upsert(e.run);
      });
    },
    async close(): Promise<void> {
      await unsubscribe?.();
    },

    /**
     * The inbox: syncs new messages from the conversations first (cheap; see docs/training.md),
     * then lists with the filter, clusters similar texts and adds each item's context.
     */
    async inbox(filter: TriageFilter = {}): Promise<InboxPage> {
      await store.syncTriage();
      const items = await store.listTriage({ limit: 50, ...filter });
      const clusterOf = clusterTexts(items.map((i) => i.text), { background });
      const entries: InboxEntry[] = [];
      for (let k = 0; k < items.length; k++) {
        const item = items[k] as TriageItem;
        entries.push({ ...item, cluster: clusterOf[k] as number, context: await contextOf(item) });
      }
      const groups = new Map<number, InboxEntry[]>();
      for (const e of entries) groups.set(e.cluster, [...(groups.get(e.cluster) ?? []), e]);
      const clusters = [...groups]
        .map(([id, list]) => ({ id, size: list.length, itemIds: list.map((e) => e.id), example: (list[0] as InboxEntry).text }))
        .sort((a, b) => b.size - a.size || a.id - b.id);
      return { items: entries, clusters };
    },

    /** Intent name → category: intents/, the active model's, and new ones operators created. */
    async intents(): Promise<Array<{ name: string; category: string }>> {
      return [...(await knownIntents())].map(([name, category]) => ({ name, category })).sort((a, b) => (a.name < b.name ? -1 : 1));
    },

    async label(req: LabelRequest, by: string): Promise<LabelRecord[]> {
      const ids = [...new Set(req.itemIds)];
      if (ids.length === 0) throw new TrainingError('validation', 'itemIds must name at least one item');
      const choices = [req.intent !== undefined, req.newIntent !== undefined, req.notARequest === true].filter(Boolean).length;
      if (choices !== 1) throw new TrainingError('validation', 'give exactly one of intent, newIntent or notARequest');
      const known = await knownIntents();
      let label: { intent: string; isNewIntent: boolean; category?: string };
      if (req.notARequest) label = { intent: NOT_A_REQUEST, isNewIntent: false };
      else if (req.newIntent) {
        const { name, category } = req.newIntent;
        if (!NAME.test(name) || !NAME.test(category)) throw new TrainingError('validation', 'new intent name and category must be snake_case');
        if (intents.some((d) => d.name === name)) throw new TrainingError('validation', `intent ${name} already exists; label with it instead`);
        label = { intent: name, isNewIntent: true, category };
      } else {
        const intent = req.intent as string;
        if (!known.has(intent)) throw new TrainingError('validation', `unknown intent ${intent}; create it as a new intent`);
        const created = !intents.some((d) => d.name === intent);
        label = { intent, isNewIntent: created, category: known.get(intent) as string };
      }
      const found = await store.getTriageItems(ids);
      if (found.length !== ids.length) throw new TrainingError('not_found', 'some items do not exist');
      return store.setLabels(ids.map((itemId) => ({ itemId, ...label, labelledBy: by })));
    },

    /**
     * An agent's "what was this about?" on an escalated chat: the message that led to the
     * hand-off becomes a labelled candidate (reason agent_corrected).
     */
    async agentIntent(conversationId: string, intent: string, agentId: string): Promise<LabelRecord> {
      const known = await knownIntents();
      if (!known.has(intent)) throw new TrainingError('validation', `unknown intent ${intent}`);
      const msgs: TriageSourceMessage[] = (await storage.messagesAfter(conversationId, 0, 10_000))
        .filter((m) => m.from === 'customer' && m.meta && 'nlu' in m.meta)
        .map(sourceOf);
      if (msgs.length === 0) throw new TrainingError('not_found', 'no customer message in that conversation');
      const escalations = await storage.listEscalations({ conversationId });
      const last = escalations[escalations.length - 1];
      const m = (last && handoffMessage(msgs, last.createdAt)) ?? (msgs[msgs.length - 1] as TriageSourceMessage);
      await store.addTriageItems([triageItemFor(m, 'agent_corrected')]);
      const item = await itemOf(conversationId, m.id);
      if (!item) throw new TrainingError('not_found', 'triage item vanished');
      const [label] = await store.setLabels([
        { itemId: item.id, intent, isNewIntent: !intents.some((d) => d.name === intent), category: known.get(intent) as string, labelledBy: agentId },
      ]);
      return label as LabelRecord;
    },

    /**
     * An operator flags a customer message from a transcript for labelling (reason
     * operator_flagged). The inbox is synced first, so a message that already qualified (unsure,
     * hand-off, bad rating…) gains the reason on its item, like a second flag does, instead of
     * getting a second item. Top guesses: the ranking stored with the message when it has one,
     * else the active model's ranking of its text. `created` is false when the item existed.
     */
    async flagMessage(conversationId: string, messageId: string, by: string): Promise<{ item: TriageItem; created: boolean }> {
      const m = await storage.findMessage(conversationId, messageId);
      if (!m) throw new TrainingError('not_found', `no message ${messageId} in conversation ${conversationId}`);
      if (m.from !== 'customer') throw new TrainingError('validation', `only customer messages can be flagged; ${messageId} is from the ${m.from}`);
      await store.syncTriage();
      const flagged = triageItemFor(sourceOf(m), 'operator_flagged');
      if (!flagged.topGuesses?.length) {
        await deps.activeModel().prepare?.([m.text]);
        flagged.topGuesses = deps.activeModel().rank(m.text).slice(0, TOP_GUESSES).map(({ name, category, confidence }) => ({ name, category, confidence }));
      }
      const { added } = await store.addTriageItems([flagged]);
      const item = await itemOf(conversationId, messageId);
      // Only an erasure of the conversation in between gets here.
      if (!item) throw new TrainingError('not_found', `no message ${messageId} in conversation ${conversationId}`);
      deps.logger?.info({ conversationId, messageId, by, created: added > 0 }, 'message flagged for triage');
      return { item, created: added > 0 };
    },

    /** Keeps an agent's reply (masked) as a canned answer or a draft knowledge-base article. */
    async promote(
      input: { conversationId: string; messageId: string; kind: PromotionKind; title?: string; intent?: string; text?: string },
      by: string,
    ): Promise<PromotionRecord> {
      const m = await storage.findMessage(input.conversationId, input.messageId);
      if (!m) throw new TrainingError('not_found', 'no such message');
      if (m.from !== 'agent') throw new TrainingError('validation', 'only an agent reply can be promoted');
      if (input.kind === 'kb_draft' && !input.title?.trim()) throw new TrainingError('validation', 'a draft article needs a title');
      const p = {
        kind: input.kind,
        conversationId: input.conversationId,
        messageId: input.messageId,
        text: deps.mask((input.text ?? m.text).trim()),
        createdBy: by,
        ...(input.title ? { title: deps.mask(input.title.trim()) } : {}),
        ...(input.intent ? { intent: input.intent } : {}),
      };
      return store.addPromotion(p);
    },

    listPromotions: (kind?: PromotionKind) => store.listPromotions(kind),

    /** Starts a retrain in the background; follow it with `run(id)` or the bus. */
    async startRun(by: string): Promise<TrainingRun> {
      if (localRun && runs.get(localRun)?.status === 'running') {
        throw new TrainingError('in_progress', `run ${localRun} is still training`);
      }
      const run: TrainingRun = { id: randomUUID(), status: 'running', progress: 0, startedBy: by, startedAt: now() };
      localRun = run.id;
      await publishRun(run);
      train(run).catch(async (err: unknown) => {
        deps.logger?.error({ err, runId: run.id }, 'retrain failed');
        await publishRun({ ...run, status: 'failed', progress: runs.get(run.id)?.progress ?? 0, error: (err as Error).message, finishedAt: now() });
      });
      return run;
    },
    run: (id: string) => runs.get(id),
    runs: () => runs.list(),

    listVersions: () => store.listVersions(),
    async version(id: string): Promise<ModelVersionRecord> {
      const v = await store.getVersion(id);
      if (!v) throw new TrainingError('not_found', `no model version ${id}`);
      return v;
    },
    /** The version's evaluation as a self-contained HTML page with the confusion heatmap. */
    async reportHtml(id: string): Promise<string> {
      const v = await store.getVersion(id);
      const report = v?.metrics.report as EvaluationReport | undefined;
      if (!v || !report) throw new TrainingError('not_found', `no evaluation for model version ${id}`);
      return renderEvalHtml(report, `Model ${v.id}: held-out evaluation`);
    },
    /** The version's reliability diagram (how often it was right at each confidence) as an SVG image. */
    async reliabilitySvg(id: string): Promise<string> {
      const v = await store.getVersion(id);
      const bins = (v?.metrics.report as EvaluationReport | undefined)?.reliability;
      if (!v || !bins?.length) throw new TrainingError('not_found', `no calibration figures for model version ${id}`);
      return reliabilitySvg(bins);
    },

    activate: (versionId: string, by: string) => activate(versionId, by),
    /**
     * Back to the version that was active before the current one (the built-in model when there
     * was none). Returns the version now active (null: built-in).
     */
    async rollback(by: string): Promise<string | null> {
      const previous = rollbackTarget(await store.activationHistory(2));
      await activate(previous, by);
      return previous;
    },

    /** Per-intent thresholds in force, with suggestions from the active (else newest) version's evaluation. */
    async thresholds() {
      const set = await store.listThresholds();
      const versions = await store.listVersions();
      const source = versions.find((v) => v.active) ?? versions[0];
      const suggested = (source?.metrics.suggestedThresholds ?? {}) as Record<string, { threshold: number; precision: number; covered: number }>;
      const names = [...new Set([...(await knownIntents()).keys()])].sort();
      return {
        global: deps.globalThreshold,
        suggestedFrom: source?.id ?? null,
        intents: names.map((intent) => {
          const own = set.find((t) => t.intent === intent);
          return {
            intent,
            threshold: own?.threshold ?? null,
            effective: own?.threshold ?? deps.globalThreshold,
            updatedBy: own?.updatedBy ?? null,
            updatedAt: own?.updatedAt ?? null,
            suggested: suggested[intent] ?? null,
          };
        }),
      };
    },
    async setThreshold(intent: string, threshold: number | null, by: string): Promise<void> {
      if (!NAME.test(intent)) throw new TrainingError('validation', 'intent must be snake_case');
      if (threshold !== null && !(threshold >= 0 && threshold <= 1)) throw new TrainingError('validation', 'threshold must be from 0 to 1, or null');
      await store.setThreshold(intent, threshold, by);
      await switcher.reloadThresholds();
      await bus.publish(channels.models, { type: THRESHOLDS_CHANGED, intent, by });
    },
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
