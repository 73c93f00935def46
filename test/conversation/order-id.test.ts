import { loadConfig } from '../../src/config';
import { startConversation, step, statePathOf } from '../../src/conversation/snapshot';
import { extractEntities } from '../../src/nlu/entities';
import { maskSensitive } from '../../src/privacy';
import { DEFAULT_ORDER_ID_PATTERN, compileOrderIdPattern } from '../../src/protocol/order-id';
import type { UserMessageEvent } from '../../src/conversation/events';

/** ORDER_ID_PATTERN is compiled once in config, and that one RegExp drives entities, masking and the flows. */

function message(text: string, overrides: Partial<UserMessageEvent> = {}): UserMessageEvent {
  return {
    type: 'USER_MESSAGE', messageId: text, text, intent: { name: 'out_of_scope', category: 'out_of_scope', confidence: 0.3 },
    ranking: [], entities: [], lowConfidence: true, frustrated: false, answers: [], topics: [], seed: 1, ...overrides,
  };
}

describe('order id pattern from config', () => {
  it('the default compiles to the one default pattern the NLU and privacy parts fall back to', () => {
    const config = loadConfig({});
    expect(config.orderIdPattern.search).toBe(DEFAULT_ORDER_ID_PATTERN);
    expect(config.orderIdPattern.source).toBe('^(?:\\d{8}|ORD-\\d+)$');
  });

  it('a custom pattern reaches the entity extractor, the masking and the refund flow', () => {
    const config = loadConfig({ ORDER_ID_PATTERN: '^A\\d{6}$' });
    const search = config.orderIdPattern.search;
    const entities = (text: string) => extractEntities(text, { orderIdPattern: search });
    expect(entities('it is a123456').filter((e) => e.type === 'order_id').map((e) => e.value)).toEqual(['A123456']);
    expect(entities('it is 48213977').filter((e) => e.type === 'order_id')).toEqual([]);
    expect(entities('xa123456').filter((e) => e.type === 'order_id')).toEqual([]);
    // An id of the configured shape is never masked as a card number (this one is Luhn-valid).
    const cardShaped = loadConfig({ ORDER_ID_PATTERN: '^A-\\d{16}$' }).orderIdPattern.search;
    expect(maskSensitive('order A-4111111111111111', { orderIdPattern: cardShaped }).text).toBe('order A-4111111111111111');
    expect(maskSensitive('order A-4111111111111111').text).toBe('order A-[card ending 1111]');

    let r = startConversation({ brandName: 'Acme Pay', maxMisses: 2, orderIdPattern: config.orderIdPattern.source });
    r = step(r.snapshot, message("I returned my jacket but I'm still being asked to pay", { intent: { name: 'report_return', category: 'refund', confidence: 0.97 }, lowConfidence: false }));
    expect(statePathOf(r.snapshot)).toBe('bot.flow.refund.orderId');
    const wrong = step(r.snapshot, message('48213977', { entities: entities('48213977') }));
    expect(statePathOf(wrong.snapshot)).toBe('bot.flow.refund.orderId');
    const right = step(r.snapshot, message('a123456', { entities: entities('a123456') }));
    expect(statePathOf(right.snapshot)).toBe('bot.flow.refund.returnDate');
  });

  it('refuses a pattern that is not a valid regular expression or not anchored', () => {
    expect(() => loadConfig({ ORDER_ID_PATTERN: '^(A$' })).toThrow(/ORDER_ID_PATTERN/);
    expect(() => loadConfig({ ORDER_ID_PATTERN: 'A\\d{6}' })).toThrow(/anchored/);
    expect(compileOrderIdPattern('^A\\d{6}$').search.flags).toContain('i');
  });
});
