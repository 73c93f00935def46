import type { QuickReply } from '../protocol/customer';
import type { SayParams } from './events';

/**
 * Every customer-facing sentence the conversation machine says, in one place so tone and wording
 * are reviewed together (and translated together later). Short, friendly, no jargon.
 */

/** Quick-reply values the machine understands in CHOICE events (besides `intent:<name>`). */
export const CHOICE_YES = 'yes';
export const CHOICE_NO = 'no';
export const CHOICE_HUMAN = 'human';
/** Prefix of a topic quick reply's value: `intent:<intent name>`. */
export const TOPIC_PREFIX = 'intent:';

export const YES_NO: QuickReply[] = [
  { label: 'Yes', value: CHOICE_YES },
  { label: 'No', value: CHOICE_NO },
];

export const TALK_TO_A_PERSON: QuickReply = { label: 'Talk to a person', value: CHOICE_HUMAN };

export const copy = {
  greeting: (brand: string): SayParams => ({
    text: `Hi! I'm the ${brand} assistant. Ask me about payments, refunds, account security or disputes.`,
  }),

  connectingToPerson: (): SayParams => ({
    text: "Sure, I'm connecting you with a person from our team. They'll see what we've talked about so far.",
  }),

  frustrationApology: (): SayParams => ({
    text: "I'm sorry this has been frustrating. I'm bringing in a person from our team to help you right away.",
  }),

  /** The urgent steps come first, in one message, so they are seen even before an agent joins. */
  urgentSecuritySteps: (summary?: string): SayParams => ({
    text:
      (summary ? `${summary}\n\n` : '') +
      'Please do this right now: lock your card in the app and change your password; ' +
      'we will never ask for your password, one-time code or full card number.',
  }),

  urgentHandover: (): SayParams => ({
    text: "I'm connecting you with a person from our team urgently.",
  }),

  /** Too many misses in a row: stop guessing. */
  handingOverAfterMisses: (): SayParams => ({
    text: "I don't want to keep you going in circles, so I'm bringing in a person from our team to help.",
  }),

  notSure: (quickReplies: QuickReply[]): SayParams => ({
    text: "I'm not sure I understood. Is it about one of these?",
    quickReplies,
  }),

  didNotHelp: (quickReplies: QuickReply[]): SayParams => ({
    text: 'Sorry about that. Could you tell me a bit more, or pick a topic:',
    quickReplies,
  }),

  noAnswerForTopic: (quickReplies: QuickReply[]): SayParams => ({
    text: "Sorry, I don't have an answer on that yet. Could you tell me a bit more, or pick a topic:",
    quickReplies,
  }),

  didThisHelp: (): SayParams => ({ text: 'Did this answer your question?', quickReplies: YES_NO }),

  gladItHelped: (): SayParams => ({ text: 'Great, glad that helped! Anything else I can do?' }),

  /** Small talk: greeting / thanks / goodbye, matched loosely on the intent name. */
  smalltalk: (intentName: string): SayParams => {
    const name = intentName.toLowerCase();
    if (/thank/.test(name)) return { text: "You're welcome! Anything else I can help with?" };
    if (/bye/.test(name)) return { text: 'Bye for now! Come back any time.' };
    if (/greet|hello|^hi$/.test(name)) return { text: 'Hello! What can I help you with today?' };
    return { text: 'Happy to help! Ask me about payments, refunds, account security or disputes.' };
  },

  alreadyInLine: (): SayParams => ({ text: "You're already in line for a person." }),

  agentJoined: (agentName: string): SayParams => ({ text: `${agentName} joined the chat`, from: 'system' }),

  backWithBot: (brand: string): SayParams => ({
    text: `You're back with the ${brand} assistant. How can I help?`,
  }),

  ended: (): SayParams => ({ text: 'Thanks for chatting with us.', from: 'system' }),
};
