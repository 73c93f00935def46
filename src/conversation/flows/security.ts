import type { FlowDefinition } from './types';

/**
 * Security: "Someone logged into my account." Urgent: the steps come at once (lock the card,
 * change the password), nothing is asked — above all never a password, one-time code or full
 * card number — and a person takes over with urgent priority, seeing whatever other flow had
 * collected. Articles: account-takeover, lost-stolen-card, what-we-never-ask.
 */
export const SECURITY_STEPS =
  'Please do this right now: lock your card in the app and change your password; ' +
  'we will never ask for your password, one-time code or full card number.';

export const securityFlow: FlowDefinition = {
  id: 'security',
  intents: ['account_takeover', 'lost_stolen_card'],
  // An emergency: starts before anything else, even in the middle of another flow.
  interrupts: true,
  intro: (_env, start) => [
    start.answer
      ? { text: `${start.answer.summary}\n\n${SECURITY_STEPS}`, article: start.answer.article }
      : { text: SECURITY_STEPS },
  ],
  slots: [],
  finish: () => ({ kind: 'handoff', reason: 'urgent_security', priority: 'urgent', say: [] }),
};
