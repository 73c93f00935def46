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

/** Quick-reply value: no email for the case of a hand-off nobody could take. */
export const CHOICE_NO_EMAIL = 'no_email';
const SKIP_EMAIL: QuickReply = { label: 'Skip', value: CHOICE_NO_EMAIL };

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

  /**
   * Off-topic: what the bot can help with, the four topics and a person. `run` is how many
   * off-topic messages in a row this is (1, 2, …): the words change each time, and from the third
   * a person comes first.
   */
  offTopic: (run: number, brand: string, topics: QuickReply[]): SayParams => {
    if (run <= 1) {
      return { text: `That's outside what I can help with. I can help with your ${brand} payments, refunds, account security and disputes: pick one, or talk to a person.`, quickReplies: [...topics, TALK_TO_A_PERSON] };
    }
    if (run === 2) {
      return { text: `Sorry, I can only help with ${brand} questions. Pick a topic, or tell me about your payment, refund, account or order.`, quickReplies: [...topics, TALK_TO_A_PERSON] };
    }
    return {
      text: run % 2 === 1
        ? "It looks like I can't help with this. Would you like to talk to a person from our team?"
        : `I still can't help with that one. A person from our team can, or pick a ${brand} topic.`,
      quickReplies: [TALK_TO_A_PERSON, ...topics],
    };
  },

  /** A support topic was picked from the off-topic reply: its usual questions. */
  topicMenu: (label: string, quickReplies: QuickReply[]): SayParams => ({
    text: `${label}: which of these is it? Or tell me in your own words.`,
    quickReplies,
  }),

  /** "This isn't what I need" in a flow: the flow stops (what was collected is kept). */
  notWhatYouNeed: (quickReplies: QuickReply[]): SayParams => ({
    text: "Sorry, I got that wrong. What you told me is kept. Tell me in your own words what you need, or pick one of these:",
    quickReplies,
  }),

  /** `missesBefore`: misses counted before this one; the words alternate so no two in a row are the same. */
  notSure: (quickReplies: QuickReply[], missesBefore = 0): SayParams => ({
    text: missesBefore % 2 === 0 ? "I'm not sure I understood. Is it about one of these?" : "Sorry, I still didn't get that. Is it one of these, or could you say it another way?",
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

  /** A Yes/No clicked while topics are on offer (an old button): it answers nothing, so ask again. */
  pickATopic: (quickReplies: QuickReply[]): SayParams => ({
    text: 'Which of these is it about? Or tell me in your own words.',
    quickReplies,
  }),

  didThisHelp: (): SayParams => ({ text: 'Did this answer your question?', quickReplies: YES_NO }),

  /** "Did this answer…?" when the message raised a second topic: it is named and offered as a third button. */
  didThisHelpAlso: (also: { value: string; label: string }): SayParams => ({
    text: `Did this answer your question? You also mentioned "${also.label}": tap it below when you want help with that too.`,
    quickReplies: [...YES_NO, { label: also.label, value: also.value }],
  }),

  /** A flow starts for the first topic; the second one is named now and offered when the flow is done. */
  alsoAfterFlow: (also: { label: string }): SayParams => ({
    text: `You also mentioned "${also.label}": I'll come back to that once this is sorted.`,
  }),

  /** An emergency comes first (it ends with a person); the other topic is named, with no promise to come back to it. */
  alsoAfterEmergency: (also: { label: string }): SayParams => ({
    text: `You also mentioned "${also.label}": once the urgent part is dealt with, ask about it here and it will be picked up.`,
  }),

  /** The flow of the first topic is done: the second topic, offered. */
  alsoNow: (also: { value: string; label: string }): SayParams => ({
    text: `You also mentioned "${also.label}". Want help with that now? Tap it below, or ask me something else.`,
    quickReplies: [{ label: also.label, value: also.value }],
  }),

  gladItHelped: (): SayParams => ({ text: 'Great, glad that helped! Anything else I can do?' }),

  /** Small talk: greeting / thanks / goodbye, matched loosely on the intent name. */
  /**
   * Small talk. `run`: small-talk messages in a row (1, 2, …); from the second the bot stops
   * chatting and offers the four topics and a person, so the same line never comes twice.
   */
  smalltalk: (intentName: string, run = 1, topics: QuickReply[] = []): SayParams => {
    const name = intentName.toLowerCase();
    if (/bye/.test(name)) return { text: run % 2 === 0 ? "Take care! I'm here whenever you need me." : 'Bye for now! Come back any time.' };
    if (run >= 2) {
      return {
        text: run % 2 === 0 ? 'Tell me what it is about, or pick one of these:' : 'Which of these is it about? Or tell me in a few words.',
        quickReplies: [...topics, TALK_TO_A_PERSON],
      };
    }
    if (/thank/.test(name)) return { text: "You're welcome! Anything else I can help with?" };
    if (/bye/.test(name)) return { text: 'Bye for now! Come back any time.' };
    if (/greet|hello|^hi$/.test(name)) return { text: 'Hello! What can I help you with today?' };
    return { text: 'Happy to help! Ask me about payments, refunds, account security or disputes.' };
  },

  alreadyInLine: (): SayParams => ({ text: "You're already in line for a person." }),

  agentJoined: (agentName: string): SayParams => ({ text: `${agentName} joined the chat`, from: 'system' }),
  agentLeft: (): SayParams => ({
    text: 'Our agent lost their connection. You keep your place in line and the next person from our team will pick up here.',
    from: 'system',
  }),

  backWithBot: (brand: string): SayParams => ({
    text: `You're back with the ${brand} assistant. How can I help?`,
  }),

  ended: (): SayParams => ({ text: 'Thanks for chatting with us.', from: 'system' }),
};

/** Sentences of the guided flows' common moves (the flows' own questions live in flows/). */
export const flowCopy = {
  cancelled: (): SayParams => ({
    text: "No problem, I've stopped there. What you told me is kept, so you won't have to repeat it. Anything else I can help with?",
  }),

  /** A flow that needs a person: the agent sees what was collected. */
  passingOn: (): SayParams => ({
    text: "I'm passing this to a person from our team. They'll see everything you've told me, so you won't need to repeat it.",
  }),

  /**
   * No agent can take the chat. The hand-off is recorded all the same and case `caseId` is
   * opened at once from what was collected. With an email known, it says where the team follows
   * up (and that a confirmation went out, only with a mailer); without one, it asks for one (or Skip).
   */
  nobodyThere: (
    followUpHours: number,
    opts: { nextOpening?: string; frustrated?: boolean; caseId: string; email?: string; emailEnabled?: boolean },
  ): SayParams => ({
    text:
      (opts.frustrated ? "I'm sorry this has been frustrating. " : '') +
      'No one from our team is available right now' +
      (opts.nextOpening ? ` (we're back ${opts.nextOpening})` : '') +
      `, so I've opened support case ${opts.caseId} with everything you've told me; our team will pick it up within ${followUpHours} hours.` +
      (opts.email === undefined
        ? ' Which email address should they reply to?'
        : opts.emailEnabled
          ? ` I've sent a confirmation to ${opts.email}. You can ask me for the status of ${opts.caseId} at any time.`
          : ` They'll follow up at ${opts.email}. You can ask me for the status of ${opts.caseId} at any time.`),
    ...(opts.email === undefined ? { quickReplies: [SKIP_EMAIL] } : {}),
  }),

  /** Another hand-off with nobody there, after one that opened case `caseId`. */
  stillNobody: (caseId: string, followUpHours: number, times = 1): SayParams => ({
    text:
      times % 2 === 1
        ? `Still no one from our team is available, sorry. Your support case ${caseId} is open with what you've told me, and our team will pick it up within ${followUpHours} hours; you can ask me for its status here at any time.`
        : `Our team is still away, sorry. Case ${caseId} is open and they'll pick it up within ${followUpHours} hours. Meanwhile, ask me anything about payments, refunds, account security or disputes.`,
  }),

  /** The email given for the case opened at the hand-off. A confirmation is promised only with a mailer. */
  caseEmailAdded: (caseId: string, email: string, followUpHours: number, emailEnabled = false): SayParams => ({
    text: emailEnabled
      ? `Thanks, I've added ${email} to case ${caseId} and sent a confirmation there. We'll follow up within ${followUpHours} hours; you can ask me for the status of ${caseId} at any time.`
      : `Thanks, I've added ${email} to case ${caseId}. Our team will follow up there within ${followUpHours} hours; you can ask me for the status of ${caseId} at any time.`,
  }),

  /** No email for the case opened at the hand-off: answers come in this chat. */
  caseWithoutEmail: (caseId: string): SayParams => ({
    text: `No problem, case ${caseId} stays open without an email. Our team can't write to you then, so ask me for the status of ${caseId} in this chat at any time.`,
  }),

  askEmail: (): SayParams => ({ text: 'Which email address should we reply to?', quickReplies: [SKIP_EMAIL] }),

  badEmail: (): SayParams => ({
    text: "Sorry, that doesn't look like an email address. Could you type it again, like name@example.com? Or choose Skip.",
    quickReplies: [SKIP_EMAIL],
  }),

  /** The case of a hand-off nobody could take, opened without an email: answers come in this chat. */
  offlineCaseNoEmail: (caseId: string, followUpHours: number): SayParams => ({
    text: `Done: I've opened support case ${caseId} with everything you've told me. Our team will look at it within ${followUpHours} hours. Without an email they can't write to you, so ask me for the status of ${caseId} in this chat at any time.`,
  }),

  /** With a mailer a confirmation goes to `email` at once; without one, only the team's follow-up is promised. */
  offlineCaseOpened: (caseId: string, email: string, followUpHours: number, emailEnabled = false): SayParams => ({
    text: emailEnabled
      ? `Done: I've opened support case ${caseId} and sent a confirmation to ${email}. We'll follow up within ${followUpHours} hours. You can ask me for the status of ${caseId} at any time.`
      : `Done: I've opened support case ${caseId}. Our team will follow up at ${email} within ${followUpHours} hours. You can ask me for the status of ${caseId} at any time.`,
  }),

  offlineDeclined: (): SayParams => ({
    text: "Okay. You can come back any time, or ask me something else in the meantime.",
  }),

  caseStatus: (caseId: string, kind: string, status: string, followUpBy: string, emailEnabled = false): SayParams => {
    const what = kind === 'offline' ? 'Support case' : `${kind.charAt(0).toUpperCase()}${kind.slice(1)} case`;
    const state: Record<string, string> = {
      open: `is open: we've received it and will follow up by ${followUpBy}.`,
      waiting_on_customer: emailEnabled
        ? 'is waiting for information from you: please check your email and reply there.'
        : 'is waiting for information from you: our team will contact you at the address you gave.',
      in_review: `is being reviewed by our team; we'll follow up by ${followUpBy}.`,
      resolved: 'has been resolved. If something is still not right, tell me and I can help further.',
    };
    return { text: `${what} ${caseId} ${state[status] ?? `has status "${status}".`}` };
  },

  /** Same words whether the case does not exist or belongs to someone else: nothing is revealed. */
  caseNotFound: (caseId: string, emailEnabled = false): SayParams => ({
    text:
      `I can't find a case ${caseId} linked to this chat. For your privacy I can only share a case's status in the chat ` +
      (emailEnabled ? 'where it was opened; you can also reply to the email we sent you about it.' : 'where it was opened.'),
  }),
};
