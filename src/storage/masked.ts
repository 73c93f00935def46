/**
 * The masking gate: one Storage decorator every write goes through, so card numbers, security
 * codes and IBANs never reach a table, whichever channel brought them (message text, quick-reply
 * values, hello context, agent notes, close resolutions, feedback, case details, triage and
 * promotions). A new write method must be classified in {@link STORAGE_WRITE_POLICY} (the type
 * checker and test/security/masking-gate.test.ts both insist), so a new channel is masked by
 * default instead of leaking by default.
 */
import type { CaseStore } from './cases';
import type { HandoffStore } from './handoff';
import type { TrainingStore } from './training';
import type { WebhookStore } from './webhooks';
import type { Storage } from './types';
import { rememberMasks } from './mask-memo';

/** Masks one text (e.g. privacy's maskSensitive(text).text). Must be idempotent. */
export type TextMask = (text: string) => string;

type Methods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];
/** How a method's arguments are masked: 'read' (nothing stored) or a function over the arguments. */
type Policy = 'read' | ((mask: TextMask, args: unknown[]) => unknown[]);
type PolicyTable<T> = Record<Methods<T>, Policy>;

/** Keys whose string values are identifiers, hashes or secrets, never free text. */
const ID_KEY = /^(?:id|seq|version|tokenHash|dataHash|passwordHash|csrfToken|secret|state|status|kind|reason|priority|from|type)$|Id$|Ids$|At$/;

/**
 * Masks every string inside `value` except identifiers (see ID_KEY), recursing into arrays and
 * plain objects; other values are kept. Returns `value` itself when nothing changed.
 * @example maskDeep({ id: 'c1', details: { note: 'card 4111 1111 1111 1111' } }, mask)
 * // { id: 'c1', details: { note: 'card [card ending 1111]' } }
 */
export function maskDeep<T>(value: T, mask: TextMask, key = ''): T {
  if (typeof value === 'string') return (ID_KEY.test(key) ? value : mask(value)) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const m = maskDeep(v, mask, key);
      if (m !== v) changed = true;
      return m;
    });
    return (changed ? out : value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const m = maskDeep(v, mask, k);
      if (m !== v) changed = true;
      out[k] = m;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/** Masks the free text of the first argument (an input object), keeping its identifiers. */
const firstArg: Policy = (mask, [input, ...rest]) => [maskDeep(input, mask), ...rest];
/** Masks one argument position that is plain text (or undefined). */
const textAt =
  (index: number): Policy =>
  (mask, args) =>
    args.map((a, i) => (i === index && typeof a === 'string' ? mask(a) : a));
/** Masks a JSON document kept as text (escaped line breaks and the like are read as typed). */
function maskJsonText(json: string, mask: TextMask): string {
  try {
    return JSON.stringify(maskDeep(JSON.parse(json) as unknown, mask));
  } catch {
    return mask(json);
  }
}
/** The first argument's `body` is a JSON document. */
const jsonBody: Policy = (mask, [input, ...rest]) => {
  const event = input as { body?: unknown };
  return [typeof event.body === 'string' ? { ...event, body: maskJsonText(event.body, mask) } : input, ...rest];
};
/** Writes that store no customer text (ids, statuses, times, hashes). */
const noText: Policy = (_mask, args) => args;

/** Every method of the storage interfaces, classified. */
export const STORAGE_WRITE_POLICY: {
  core: PolicyTable<Omit<Storage, 'handoff' | 'cases' | 'training' | 'webhooks'>>;
  handoff: PolicyTable<HandoffStore>;
  cases: PolicyTable<CaseStore>;
  training: PolicyTable<TrainingStore>;
  webhooks: PolicyTable<WebhookStore>;
} = {
  core: {
    createConversation: firstArg, // context.pageUrl / orderId / locale, snapshot
    commitTurn: firstArg, // message texts, quick-reply values, meta, snapshot, escalation summary, case details, the case email a turn sets (caseEmail)
    updateEscalationStatus: noText,
    eraseConversation: noText,
    getConversation: 'read',
    getConversationByTokenHash: 'read',
    messagesAfter: 'read',
    findMessage: 'read',
    listEscalations: 'read',
    listQueue: 'read',
    conversationsIdleSince: 'read',
    listConversations: 'read',
    weeklyStats: 'read',
    close: 'read',
  },
  handoff: {
    createAgent: noText, // staff accounts: name and email are the agent's own
    setPasswordHash: noText,
    updateAgent: noText, // role, name, capacity and the disabled flag of a staff account
    deleteAgent: noText,
    revokeAgentSessions: noText,
    createSession: noText,
    revokeSession: noText,
    setPresenceStatus: noText,
    socketOpened: noText,
    socketClosed: noText,
    touchAgents: noText,
    claim: noText,
    transfer: noText,
    endAssignment: textAt(2), // the close resolution
    addNote: firstArg, // agent notes
    eraseConversation: noText,
    getAgent: 'read',
    getAgentByEmail: 'read',
    listAgents: 'read',
    getSession: 'read',
    listPresence: 'read',
    activeAssignments: 'read',
    lastAssignedAt: 'read',
    recentPickupSeconds: 'read',
    listNotes: 'read',
  },
  cases: {
    createCase: firstArg, // case details collected by the flows
    updateCaseStatus: noText,
    addFeedback: firstArg, // feedback comment
    eraseConversation: noText,
    getCase: 'read',
    listCases: 'read',
    listCustomerCases: 'read',
    listFeedback: 'read',
  },
  training: {
    syncTriage: noText, // copies stored (already masked) messages
    addTriageItems: firstArg, // imported or flagged texts for training
    setLabels: noText,
    createVersion: noText, // model artifacts are trained from masked examples
    activateVersion: noText,
    setThreshold: noText,
    addPromotion: firstArg, // canned answers and knowledge-base drafts
    eraseConversation: noText,
    listTriage: 'read',
    getTriageItems: 'read',
    listLabelled: 'read',
    listVersions: 'read',
    getVersion: 'read',
    getArtifact: 'read',
    activeVersion: 'read',
    activationHistory: 'read',
    listThresholds: 'read',
    listPromotions: 'read',
  },
  webhooks: {
    createEndpoint: noText, // operators' endpoint settings
    updateEndpoint: noText,
    deleteEndpoint: noText,
    enqueue: jsonBody, // the event body sent to receivers (built from stored, masked records)
    claimDue: noText,
    recordAttempt: noText, // the receiver's answer
    resend: noText,
    getEndpoint: 'read',
    listEndpoints: 'read',
    getDelivery: 'read',
    listDeliveries: 'read',
  },
};

const MASKED = Symbol('masked storage');

function gate<T extends object>(store: T, table: Record<string, Policy>, mask: TextMask): T {
  const out: Record<string, unknown> = {};
  for (const [name, policy] of Object.entries(table)) {
    const method = (store as Record<string, unknown>)[name];
    if (typeof method !== 'function') continue;
    out[name] =
      policy === 'read'
        ? method.bind(store)
        : (...args: unknown[]) => (method as (...a: unknown[]) => unknown).apply(store, policy(mask, args));
  }
  return out as T;
}

/**
 * Wraps `storage` so every write masks customer text on its way in. Reads pass through.
 * Wrapping a wrapped storage returns it unchanged. `mask` must be a pure function of its text:
 * what it made of a short text is remembered (mask-memo.ts).
 * @example const storage = withMasking(await createSqliteStorage({ file }), (t) => maskSensitive(t).text);
 */
export function withMasking(storage: Storage, mask: TextMask): Storage {
  if ((storage as unknown as Record<symbol, unknown>)[MASKED]) return storage;
  // Each turn masks the whole machine snapshot again, mostly the same short strings: remembered.
  mask = rememberMasks(mask);
  const core = gate(storage, STORAGE_WRITE_POLICY.core, mask);
  return Object.assign(core, {
    handoff: gate(storage.handoff, STORAGE_WRITE_POLICY.handoff, mask),
    cases: gate(storage.cases, STORAGE_WRITE_POLICY.cases, mask),
    training: gate(storage.training, STORAGE_WRITE_POLICY.training, mask),
    webhooks: gate(storage.webhooks, STORAGE_WRITE_POLICY.webhooks, mask),
    [MASKED]: true,
  });
}
