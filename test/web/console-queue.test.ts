import type { AgentQueueEntry } from '../../src/protocol/agent';
import { moveSelection, newArrivals, queueRows, topicText } from '../../src/web/console/queue-model';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

function entry(id: string, over: Partial<AgentQueueEntry> = {}): AgentQueueEntry {
  return {
    conversationId: id,
    reason: 'asked_for_human',
    priority: 'normal',
    waitingSince: NOW - 60_000,
    collected: {},
    preview: 'hello',
    ...over,
  };
}

describe('queue rows', () => {
  it('renders each entry with its reason, live wait, topic with confidence, collected facts and preview', () => {
    const [row] = queueRows(
      [
        entry('c1', {
          waitingSince: NOW - 272_000,
          topic: { intent: 'refund_status', category: 'refund', confidence: 0.87 },
          collected: { orderId: '48213977', merchant: 'Acme Outdoor' },
          preview: 'I returned my shoes two weeks ago and still have no refund',
        }),
      ],
      NOW,
    );
    expect(row).toMatchObject({
      conversationId: 'c1',
      reasonText: 'Asked for a person',
      waitText: '4:32',
      topicText: 'Refund status',
      confidenceText: '87%',
      confidenceLevel: 'high',
      collected: [
        { label: 'Order id', value: '48213977' },
        { label: 'Merchant', value: 'Acme Outdoor' },
      ],
      preview: 'I returned my shoes two weeks ago and still have no refund',
      urgent: false,
    });
    expect(row?.label).toBe('Asked for a person. Refund status. Waiting 4 minutes 32 seconds.');
  });

  it('puts urgent security first, then the longest waiting, whatever order arrives', () => {
    const rows = queueRows(
      [
        entry('newer', { waitingSince: NOW - 10_000 }),
        entry('urgent', { reason: 'urgent_security', priority: 'urgent', waitingSince: NOW - 5_000 }),
        entry('older', { reason: 'low_confidence', waitingSince: NOW - 90_000 }),
      ],
      NOW,
    );
    expect(rows.map((r) => [r.conversationId, r.reasonText, r.waitText])).toEqual([
      ['urgent', 'Urgent: security', '0:05'],
      ['older', 'Bot unsure twice', '1:30'],
      ['newer', 'Asked for a person', '0:10'],
    ]);
    expect(rows[0]?.label.startsWith('Urgent. ')).toBe(true);
  });

  it('ticks: the same entry a minute later shows a minute more', () => {
    const e = [entry('c1', { waitingSince: NOW })];
    expect(queueRows(e, NOW + 5_000)[0]?.waitText).toBe('0:05');
    expect(queueRows(e, NOW + 65_000)[0]?.waitText).toBe('1:05');
  });

  it('says "Unknown topic" without a topic and adds the category only when it says something new', () => {
    expect(topicText(undefined)).toBe('Unknown topic');
    expect(topicText({ intent: 'card_stolen', category: 'security', confidence: 0.9 })).toBe('Card stolen · security');
    expect(topicText({ intent: 'refund_status', category: 'refund', confidence: 0.9 })).toBe('Refund status');
    const [row] = queueRows([entry('c1', { topic: undefined, preview: '' })], NOW);
    expect(row).toMatchObject({ topicText: 'Unknown topic', confidenceText: '–', preview: '' });
  });

  it('keeps customer text as it was typed (markup is escaped later by being a text node, never interpreted here)', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const [row] = queueRows([entry('c1', { preview: evil, collected: { note: '<script>x</script>' } })], NOW);
    expect(row?.preview).toBe(evil);
    expect(row?.collected).toEqual([{ label: 'Note', value: '<script>x</script>' }]);
  });

  it('finds new arrivals to alert about', () => {
    expect(newArrivals([entry('a')], [entry('a'), entry('b')])).toEqual(['b']);
    expect(newArrivals([entry('a'), entry('b')], [entry('b')])).toEqual([]);
  });

  it('moves the keyboard selection with j/k, clamped at the ends', () => {
    const ids = ['a', 'b', 'c'];
    expect(moveSelection(ids, undefined, 1)).toBe('a');
    expect(moveSelection(ids, undefined, -1)).toBe('c');
    expect(moveSelection(ids, 'a', 1)).toBe('b');
    expect(moveSelection(ids, 'c', 1)).toBe('c');
    expect(moveSelection(ids, 'a', -1)).toBe('a');
    expect(moveSelection(ids, 'gone', 1)).toBe('a');
    expect(moveSelection([], 'a', 1)).toBeUndefined();
  });
});
