/** The knowledge base's categories, in the order the help centre shows them. */
export interface CategoryInfo {
  /** Value of an article's `category` front-matter field. */
  id: string;
  /** Heading shown to customers. */
  label: string;
  /** One line under the heading. */
  description: string;
}

export const CATEGORIES: readonly CategoryInfo[] = [
  { id: 'billing', label: 'Payments and billing', description: 'Instalments, due dates, failed payments and fees.' },
  { id: 'refund', label: 'Returns and refunds', description: 'Reporting a return, refund timing and cancelled orders.' },
  { id: 'security', label: 'Account and security', description: 'Signing in, your details, lost cards and scams.' },
  { id: 'dispute', label: 'Disputes and order problems', description: 'Items not received or not as described, and charges you question.' },
  { id: 'support', label: 'How support works', description: 'Contacting us, talking to a person, cases and feedback.' },
];

export const CATEGORY_IDS: readonly string[] = CATEGORIES.map((c) => c.id);

export function isKnownCategory(id: string): boolean {
  return CATEGORY_IDS.includes(id);
}
