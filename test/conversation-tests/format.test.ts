import fc from 'fast-check';
import YAML from 'yaml';
import { ConversationFileError, parseConversation } from '../../src/conversation-tests/format';

function issuesOf(source: string): string {
  try {
    parseConversation(source, 'x.yml');
  } catch (err) {
    if (err instanceof ConversationFileError) return err.message;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

describe('parseConversation', () => {
  it('reads every kind of turn, the page context and an outcome with its bounds', () => {
    const spec = parseConversation(
      [
        'title: Dispute with the order from the page',
        'agents: offline',
        'page: { orderId: "48213977", url: https://shop.example/orders/48213977 }',
        'turns:',
        '  - say: the seller sent me a fake bag',
        '  - choose: Yes',
        '  - reconnect',
        '  - reconnect: { missed: 2 }',
        'expect:',
        '  flow: dispute',
        '  urgent: false',
        '  collected: ["48213977"]',
        '  maxBotReplies: 6',
        '  neverSays: [contact us]',
      ].join('\n'),
      'dispute.yml',
    );
    expect(spec).toEqual({
      file: 'dispute.yml',
      title: 'Dispute with the order from the page',
      agents: 'offline',
      page: { orderId: '48213977', url: 'https://shop.example/orders/48213977' },
      turns: [
        { say: 'the seller sent me a fake bag', line: 5 },
        { choose: 'Yes', line: 6 },
        { reconnect: { missed: 0 }, line: 7 },
        { reconnect: { missed: 2 }, line: 8 },
      ],
      expect: { outcome: { kind: 'flow', caseKind: 'dispute' }, urgent: false, collected: ['48213977'], maxBotReplies: 6, says: [], neverSays: ['contact us'] },
    });
  });

  it('defaults: agents online, the title from the file name, article by category shorthand', () => {
    const spec = parseConversation('turns:\n  - say: hi\nexpect:\n  article: refund\n', 'refund-status_typos.yml');
    expect(spec.agents).toBe('online');
    expect(spec.title).toBe('refund status typos');
    expect(spec.expect.outcome).toEqual({ kind: 'article', category: 'refund' });
    expect(parseConversation('turns: [{say: hi}]\nexpect: { article: { category: refund, id: refund-timing } }', 'a.yml').expect.outcome).toEqual({
      kind: 'article',
      category: 'refund',
      id: 'refund-timing',
    });
    expect(parseConversation('turns: [{say: hi}]\nexpect: { outOfScope: true }', 'a.yml').expect.outcome).toEqual({ kind: 'out-of-scope' });
    expect(parseConversation('turns: [{say: hi}]\nagents: offline\nexpect: { handoff: unmet, reason: urgent_security }', 'a.yml').expect.outcome).toEqual({
      kind: 'handoff',
      met: false,
      reason: 'urgent_security',
    });
  });

  it('names the line and the field of each problem, all of them at once', () => {
    const message = issuesOf(['agents: sometimes', 'turns:', '  - say: hi', '  - shout: HELLO', '  - choose: ""', 'expect:', '  flow: pizza', '  maxBotReplies: 0'].join('\n'));
    expect(message).toContain('x.yml:1: agents: must be "online" or "offline", got "sometimes"');
    expect(message).toContain('x.yml:4: turns[1].shout: unknown turn; use say, choose or reconnect');
    expect(message).toContain('x.yml:5: turns[2].choose: must not be empty');
    expect(message).toContain('x.yml:7: expect.flow: must be the case kind: one of refund, dispute, security, billing, offline; got "pizza"');
    expect(message).toContain('x.yml:8: expect.maxBotReplies: must be a whole number from 1 to 100');
  });

  it('refuses a file without turns or outcome, with two outcomes, or with unknown fields', () => {
    expect(issuesOf('expect: { article: refund }')).toMatch(/x\.yml:1: turns: is required/);
    expect(issuesOf('turns: [{say: hi}]')).toMatch(/expect: is required/);
    expect(issuesOf('turns: [{say: hi}]\nexpect:\n  article: refund\n  flow: refund')).toMatch(/x\.yml:3: expect: has 2 outcomes \(article, flow\)/);
    expect(issuesOf('turns: [{say: hi}]\nexpect: { article: refund }\ncolour: blue')).toMatch(/x\.yml:3: colour: unknown field; allowed: title, agents/);
    expect(issuesOf('turns: [{say: hi}]\nexpect: { article: refund, urgent: true }')).toMatch(/expect\.urgent: applies only to a handoff or a flow/);
    expect(issuesOf('turns: [{say: hi}]\nexpect: { handoff: maybe }')).toMatch(/expect\.handoff: must be "met" .* or "unmet"/);
    expect(issuesOf('turns: [{say: hi}]\nexpect: { article: Refund! }')).toMatch(/expect\.article: must be a category name/);
    expect(issuesOf('turns: []\nexpect: { article: refund }')).toMatch(/turns: must be a non-empty list/);
    expect(issuesOf('- just\n- a list')).toMatch(/must be a mapping with "turns" and "expect"/);
  });

  it('reports broken YAML with its line', () => {
    expect(issuesOf('turns:\n  - say: "unclosed\nexpect: {')).toMatch(/x\.yml:\d+: not valid YAML/);
  });

  const turn = fc.oneof(
    fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== '').map((say) => ({ say })),
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '').map((choose) => ({ choose })),
    fc.nat({ max: 50 }).map((missed) => ({ reconnect: { missed } })),
  );
  const outcome = fc.oneof(
    fc.constantFrom('billing', 'refund', 'security', 'dispute').map((article) => ({ article })),
    fc.constantFrom('refund', 'dispute', 'security', 'billing', 'offline').map((flow) => ({ flow })),
    fc.constantFrom('met', 'unmet').map((handoff) => ({ handoff })),
    fc.constant({ outOfScope: true }),
  );

  it('property: any file written from valid parts parses back to the same parts', () => {
    fc.assert(
      fc.property(fc.array(turn, { minLength: 1, maxLength: 8 }), outcome, fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }), (turns, out, max) => {
        const source = YAML.stringify({ turns, expect: { ...out, ...(max ? { maxBotReplies: max } : {}) } });
        const spec = parseConversation(source, 'p.yml');
        expect(spec.turns.map(({ line: _line, ...t }) => t)).toEqual(turns);
        expect(spec.expect.maxBotReplies).toBe(max);
        const kind = Object.keys(out)[0];
        expect(spec.expect.outcome.kind).toBe(kind === 'outOfScope' ? 'out-of-scope' : kind);
      }),
    );
  });

  it('property: any text at all is either a spec or a ConversationFileError, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => YAML.stringify(v))), (source) => {
        try {
          parseConversation(source, 'any.yml');
        } catch (err) {
          expect(err).toBeInstanceOf(ConversationFileError);
          expect((err as ConversationFileError).issues.length).toBeGreaterThan(0);
          for (const i of (err as ConversationFileError).issues) expect(i.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
