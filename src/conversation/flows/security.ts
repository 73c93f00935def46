import type { SayParams } from '../events';
import type { FlowDefinition, FlowStart } from './types';

/**
 * Security: "Someone logged into my account." Urgent: the steps come at once (lock the card,
 * change the password), nothing is asked — above all never a password, one-time code or full
 * card number — and a person takes over with urgent priority, seeing whatever other flow had
 * collected. Articles: account-takeover, lost-stolen-card, what-we-never-ask.
 */
export const SECURITY_STEPS =
  'Please do this right now: lock your card in the app and change your password; ' +
  'we will never ask for your password, one-time code or full card number.';

const NEVER_ASK = 'We will never ask for your password, one-time code or full card number.';

/**
 * The emergency's first bubble: the article's chat answer with the steps. When that answer already
 * tells the customer to freeze or lock the card, only "we will never ask…" is added, so the same
 * instruction is not given twice in one bubble.
 */
export function emergencySteps(start: FlowStart): SayParams {
  if (!start.answer) return { text: SECURITY_STEPS };
  const steps = /\b(?:freeze|lock)\b/i.test(start.answer.summary) ? NEVER_ASK : SECURITY_STEPS;
  return { text: `${start.answer.summary}\n\n${steps}`, article: start.answer.article };
}

export const securityFlow: FlowDefinition = {
  id: 'security',
  intents: ['account_takeover', 'lost_stolen_card'],
  // An emergency: starts before anything else, even in the middle of another flow.
  interrupts: true,
  intro: (_env, start) => [emergencySteps(start)],
  slots: [],
  finish: () => ({ kind: 'handoff', reason: 'urgent_security', priority: 'urgent', say: [] }),
};
