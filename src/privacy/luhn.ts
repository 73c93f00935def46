/**
 * Luhn (mod 10) check used by every payment card number.
 *
 * @param digits ASCII digits only, no separators (`"4111111111111111"`).
 * @returns `true` when `digits` is non-empty, all digits, and its Luhn sum is a multiple of 10;
 *   `false` for anything else (empty, separators, letters). Length is not checked here.
 * @example luhnValid('4111111111111111') // true
 * @example luhnValid('4111111111111112') // false
 */
export function luhnValid(digits: string): boolean {
  if (digits.length === 0) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    const code = digits.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return false;
    let d = code;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
