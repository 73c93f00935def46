/** Privacy: find and mask what must not be stored, logged or exported. */
export { luhnValid } from './luhn';
export { maskSensitive, containsCardNumber } from './mask';
export type { MaskOptions, MaskResult, SensitiveKind, SensitiveSpan } from './mask';
export { findCardNumbers, cardMask, MIN_CARD_DIGITS, MAX_CARD_DIGITS } from './card';
export type { CardMatch, FindCardOptions } from './card';
export { findIbans, ibanValid, ibanMask, IBAN_LENGTHS } from './iban';
export type { IbanMatch } from './iban';
export { findCvvs, CVV_MASK } from './cvv';
export { DEFAULT_ORDER_ID_PATTERN } from './order-id';
export { findDigitRuns, MAX_GAP_CHARS } from './digit-runs';
export { normalizeForDetection } from './normalize';
export type { NormalizedText } from './normalize';
export type { DigitGroup, DigitRun } from './digit-runs';
