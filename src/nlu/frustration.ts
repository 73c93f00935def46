/**
 * Detects strong frustration, which hands the chat to a person at once (DESIGN.md policy).
 * Deliberately conservative: an ordinary complaint ("my refund is late, it's been two weeks")
 * is not strong frustration; abuse, swearing, shouting and "this is useless" are.
 */
import { normalize } from './tokenize';

const PHRASES: RegExp[] = [
  /\b(useless|pointless|hopeless|pathetic|ridiculous|ludicrous|disgraceful|disgusting|outrageous|unacceptable)\b/,
  /\b(worst|terrible|horrible|awful|appalling|shocking|abysmal) (customer )?(service|support|company|app|bot|experience|help)\b/,
  /\bworst\b.*\b(ever|in my life)\b/,
  /\b(furious|livid|fuming|infuriated|enraged|raging)\b/,
  /\b(fed up|sick (and tired )?of|had enough|losing my patience|at my wits end|beyond angry|so angry|really angry|very angry)\b/,
  /\b(waste of (my )?time|wasting my time|joke of a|what a joke|this is a joke|you people|stupid bot|dumb bot|useless bot)\b/,
  /\b(scam|scammers?|thie(f|ves)|daylight robbery|rip ?off)\b/,
  /\b(i hate (you|this|your)|hate this (app|company|service))\b/,
  /\b(are you (even )?(listening|reading)|for the (last|third|fifth|hundredth) time|how many times (do|have) i)\b/,
  /\b(sue you|my lawyer|report you|going to the (press|media))\b/,
];

const SWEARING =
  /\b(f+u+c+k+\w*|f\*+k?\w*|wtf|shit\w*|sh\*t|bullshit|crap|crappy|piss(ed)?|bloody|damn(ed|it)?|goddamn\w*|arse|ass(hole)?|bastards?|bitch\w*|dick(head)?|screw you)\b/;

function isShouting(raw: string): boolean {
  const letterWords = raw.match(/\p{L}+/gu) ?? [];
  const long = letterWords.filter((w) => w.length >= 3);
  if (long.length < 3) return false;
  const caps = long.filter((w) => w === w.toUpperCase() && w !== w.toLowerCase());
  // acronyms like "PIN" or "ATM" in a normal sentence stay well under half of the words
  return caps.length >= 3 && caps.length / long.length >= 0.6;
}

/**
 * True for strong frustration: swearing, abuse, explicit anger ("I'm furious", "worst service
 * ever", "this is useless"), three or more exclamation marks, or a message mostly in capitals.
 * @example detectFrustration('This is USELESS!!!') // true
 * @example detectFrustration('my refund is late, any update?') // false
 */
export function detectFrustration(text: string): boolean {
  if ((text.match(/!/g) ?? []).length >= 3) return true;
  if (isShouting(text)) return true;
  const t = normalize(text);
  if (SWEARING.test(t)) return true;
  return PHRASES.some((re) => re.test(t));
}
