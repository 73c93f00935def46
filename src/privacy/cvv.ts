/**
 * Card security codes typed in words: "cvv 123", "CVC: 1234", "security code is 123",
 * "the 3 digits on the back are 456", "123 is my cvv". Only the digits are reported.
 */
import type { TextSpan } from './order-id';

/** What replaces the digits of a security code. */
export const CVV_MASK = '[hidden]';

/** 3–4 digits, possibly spaced out as people read them off the card: "1 2 3", "12 3". */
const CODE = '(\\d(?:[ \\t.-]?\\d){2,3})(?!\\d)';
const KEYWORD =
  '(?<![a-z])(?:c[\\s.-]?v[\\s.-]?[vc]2?|cvn|csc|card\\s+verification\\s+(?:code|value|number)|(?:card\\s+)?security\\s+code)(?![a-z])';
/** Words people put between the keyword and the code: "cvv number is: 123". */
const KEYWORD_GAP = "[\\s:=#(),.-]*(?:(?:is|was|would\\s+be|number|no\\.?|code|it's|its)[\\s:=#(),.-]*){0,3}";
const ON_THE_BACK =
  '(?<![a-z])(?:(?:3|4|three|four)[\\s-]*(?:digits?|numbers?)(?:\\s+(?:code|number))?|(?:digits?|numbers?|code))' +
  '\\s+(?:on|at)\\s+the\\s+back(?:\\s+of\\s+(?:the|my|your)\\s+card)?' +
  '|(?<![a-z])back\\s+of\\s+(?:the|my|your)\\s+card';
const BACK_GAP = '[\\s:=,-]*(?:(?:is|are|was|were|says?|reads?|shows?)[\\s:=,-]*){0,2}';

/** Patterns whose last capture group is the code, at the end of the match. */
const CODE_LAST = [new RegExp(`${KEYWORD}${KEYWORD_GAP}(?<!\\d)${CODE}`, 'gi'), new RegExp(`(?:${ON_THE_BACK})${BACK_GAP}(?<!\\d)${CODE}`, 'gi')];
/** "123 is my cvv": the code comes first. */
const CODE_FIRST = new RegExp(`(?<!\\d)${CODE}\\s+(?:is|was)\\s+(?:my|the)\\s+(?:c[\\s.-]?v[\\s.-]?[vc]2?|security\\s+code)(?![a-z])`, 'gi');

function overlaps(a: TextSpan, b: TextSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Spans of the security-code digits in `text`, in order, skipping any that overlap `exclude`
 * (digits already claimed as part of a card number or IBAN).
 * @example findCvvs('my cvv is 123') // [{ start: 10, end: 13 }]
 */
export function findCvvs(text: string, exclude: readonly TextSpan[] = []): TextSpan[] {
  const spans: TextSpan[] = [];
  const add = (span: TextSpan): void => {
    if (exclude.some((e) => overlaps(e, span)) || spans.some((s) => overlaps(s, span))) return;
    spans.push(span);
  };
  for (const re of CODE_LAST) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const end = m.index + m[0].length;
      add({ start: end - m[1]!.length, end });
    }
  }
  CODE_FIRST.lastIndex = 0;
  for (let m = CODE_FIRST.exec(text); m !== null; m = CODE_FIRST.exec(text)) {
    add({ start: m.index, end: m.index + m[1]!.length });
  }
  return spans.sort((a, b) => a.start - b.start);
}
