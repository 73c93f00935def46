import type { BusEvent } from './types';

/**
 * Events as the in-process bus hands them out: the same JSON data the Redis bus would deliver,
 * deep-frozen so no handler can change what the others see. An event that already is plain JSON
 * data (plain objects, arrays, strings, finite numbers, booleans, null; no undefined) is frozen
 * in place and delivered as is, with no copy; anything JSON would change (a Date, an undefined
 * field, a class instance, NaN) is copied through JSON first, exactly as before. The publisher
 * must not change an event after publishing it.
 *
 * @example
 * const freeze = createEventFreezer();
 * const event = freeze({ type: 'message', message }); // `message` is now frozen too
 */
export function createEventFreezer(): (event: BusEvent) => BusEvent {
  // Objects this freezer has checked and frozen: shared subtrees (a message published on two
  // channels) are walked once.
  const done = new WeakSet<object>();

  /** Collects the objects under `value` when all of it is JSON data; false otherwise. */
  function collect(value: unknown, out: object[], path: Set<object>): boolean {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return true;
      case 'number':
        return Number.isFinite(value);
      case 'object': {
        if (value === null || done.has(value)) return true;
        if (path.has(value)) return false; // a cycle: JSON refuses it, and so does the copy below
        if (Array.isArray(value)) {
          path.add(value);
          for (let i = 0; i < value.length; i++) if (!(i in value) || !collect(value[i], out, path)) return false;
          path.delete(value);
        } else {
          const proto = Object.getPrototypeOf(value) as unknown;
          if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) return false;
          path.add(value);
          for (const v of Object.values(value)) if (!collect(v, out, path)) return false;
          path.delete(value);
        }
        out.push(value);
        return true;
      }
      default:
        return false;
    }
  }

  function freezeAll(objects: object[]): void {
    for (const o of objects) {
      Object.freeze(o);
      done.add(o);
    }
  }

  return (event) => {
    const objects: object[] = [];
    if (collect(event, objects, new Set())) {
      freezeAll(objects);
      return event;
    }
    const copy = JSON.parse(JSON.stringify(event)) as BusEvent;
    const copied: object[] = [];
    collect(copy, copied, new Set());
    freezeAll(copied);
    return copy;
  };
}
