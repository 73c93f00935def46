/**
 * What the bot collected before the hand-off (order id, amount, merchant, email…), flattened into
 * label/value pairs for display. Pure; values end up as text nodes, never markup.
 */

export interface CollectedItem {
  label: string;
  value: string;
}

/** `orderId` / `order_id` → `Order id`. */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

function valueText(v: unknown): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(valueText).filter((s): s is string => !!s);
    return parts.length ? [...new Set(parts)].join(', ') : undefined;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // Entity objects from the NLU carry their display form in one of these.
    for (const k of ['text', 'value', 'raw', 'name']) {
      const t = valueText(o[k]);
      if (t) return t;
    }
  }
  return undefined;
}

/**
 * Flattens the collected data. Accepts an object of fields, or a list of NLU entities
 * (`[{type:'order_id', value:'48213977'}]`), which are grouped by type.
 * @example collectedItems({ orderId: '48213977', amount: { value: 42, text: '€42' } })
 *   // [{label:'Order id', value:'48213977'}, {label:'Amount', value:'€42'}]
 */
export function collectedItems(collected: unknown, limit = 12): CollectedItem[] {
  const out: CollectedItem[] = [];
  if (Array.isArray(collected)) {
    const byType = new Map<string, string[]>();
    for (const e of collected) {
      if (!e || typeof e !== 'object') continue;
      const rec = e as Record<string, unknown>;
      const type = typeof rec.type === 'string' ? rec.type : typeof rec.entity === 'string' ? rec.entity : 'detail';
      const text = valueText(rec);
      if (!text) continue;
      const list = byType.get(type) ?? [];
      if (!list.includes(text)) list.push(text);
      byType.set(type, list);
    }
    for (const [type, values] of byType) out.push({ label: fieldLabel(type), value: values.join(', ') });
  } else if (collected && typeof collected === 'object') {
    for (const [k, v] of Object.entries(collected as Record<string, unknown>)) {
      const text = valueText(v);
      if (text) out.push({ label: fieldLabel(k), value: text });
    }
  }
  return out.slice(0, limit);
}
