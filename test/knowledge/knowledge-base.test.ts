import fs from 'node:fs';
import path from 'node:path';
import { loadArticles } from '../../src/knowledge/load';

/** The shipped articles: what the bot and the help centre answer with. */
const dir = path.join(__dirname, '..', '..', 'knowledge-base');
const articles = loadArticles(dir);

const REQUIRED_INTENTS = [
  'payment_failed', 'unexpected_charge', 'repayment_schedule', 'late_fee', 'change_payment_method', 'pay_early',
  'refund_status', 'report_return', 'refund_missing', 'cancelled_order',
  'account_takeover', 'lost_stolen_card', 'password_login_code', 'change_personal_details', 'verify_identity', 'phishing',
  'open_dispute', 'dispute_status', 'item_not_received', 'item_not_as_described', 'charged_twice', 'unrecognised_charge',
  'case_status', 'talk_to_human',
  'close_account', 'delete_data', 'partial_return', 'return_address', 'change_due_date', 'unauthorised_purchase',
];

describe('the shipped knowledge base', () => {
  it('has at least 32 valid articles', () => {
    expect(articles.length).toBeGreaterThanOrEqual(32);
  });

  it.each(REQUIRED_INTENTS)('answers the intent %s', (intent) => {
    expect(articles.some((a) => a.intents.includes(intent))).toBe(true);
  });

  it('explains how support works: channels, preparation, agents and queue, case ids, feedback, hours', () => {
    const support = articles.filter((a) => a.category === 'support');
    const text = support.map((a) => `${a.title}\n${a.body}`).join('\n').toLowerCase();
    for (const topic of ['contact', 'have ready', 'queue', 'estimated wait', 'cs-7k3p9q', 'rate', 'opening hours']) {
      expect(text).toContain(topic);
    }
  });

  it('is brand-neutral: no article names a company, only the {{brand}} placeholder', () => {
    for (const a of articles) {
      expect(`${a.title} ${a.body}`).not.toMatch(/paylater|klarna|afterpay|affirm/i);
    }
    expect(articles.filter((a) => a.body.includes('{{brand}}')).length).toBeGreaterThan(10);
  });

  it('gives a chat-ready summary for every article: plain text, no markdown, not too long', () => {
    for (const a of articles) {
      expect(a.summary.length).toBeGreaterThan(40);
      expect(a.summary.length).toBeLessThan(450);
      expect(a.summary).not.toMatch(/\*\*|\]\(|^#|`/);
    }
  });

  it('has a chat summary of its own in every article, written for someone already chatting', () => {
    for (const file of fs.readdirSync(dir).filter((n) => n.endsWith('.md'))) {
      expect({ file, chat: /^chat: /m.test(fs.readFileSync(path.join(dir, file), 'utf8').split(/^---$/m)[1] ?? '') }).toEqual({ file, chat: true });
    }
    for (const a of articles) {
      const said = { id: a.id, chat: a.chat };
      expect(a.chat?.length).toBeLessThanOrEqual(300);
      // The customer is already contacting us; the bot has no mailer; a person is never promised at once.
      expect(said).not.toEqual({ id: a.id, chat: expect.stringMatching(/contact (us|the support)|email you|by email|we'll trace|at once|immediately|right away/i) });
    }
  });

  it('only links to articles that exist', () => {
    const ids = new Set(articles.map((a) => a.id));
    for (const a of articles) {
      for (const m of a.body.matchAll(/\]\(\/help\/([^)#]+)\)/g)) {
        expect({ from: a.id, to: m[1], exists: ids.has(m[1]!) }).toEqual({ from: a.id, to: m[1], exists: true });
      }
    }
  });

  it('never asks for secrets: security articles tell customers not to share codes or card numbers', () => {
    const never = articles.find((a) => a.id === 'what-we-never-ask');
    expect(never?.summary).toMatch(/never ask for your password, a one-time code/);
  });
});
