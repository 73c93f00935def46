/** What a driver says when the disk goes: a driver code, a message and the file's path. */
export const DRIVER_MESSAGE = 'SQLITE_IOERR: disk I/O error at /var/lib/app/chat.db';

export interface FailingSwitch {
  /** While true, every storage method rejects with {@link DRIVER_MESSAGE}, except those in `except`. */
  on: boolean;
  /** Methods that keep working, as `name` or `store.name` (e.g. `handoff.getSession`). */
  except: Set<string>;
  /** Methods that were made to fail since the switch was created, in call order. */
  failed: string[];
}

/**
 * Wraps `storage` (and its sub-stores: handoff, cases, training, webhooks) so that its methods
 * fail like a broken disk while `failing.on` is set. Nothing else changes.
 * @example const failing = failingSwitch(); startTestApp({}, {}, (s) => failOn(s, failing))
 */
export function failOn<T extends object>(target: T, failing: FailingSwitch, prefix = ''): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value: unknown = Reflect.get(obj, key, receiver);
      if (typeof key !== 'string' || key === 'then' || key === 'close') return value;
      if (!wrapped.has(key)) {
        const name = prefix + key;
        if (typeof value === 'function') {
          wrapped.set(key, (...args: unknown[]) => {
            if (failing.on && !failing.except.has(name)) {
              failing.failed.push(name);
              return Promise.reject(new Error(DRIVER_MESSAGE));
            }
            return (value as (...a: unknown[]) => unknown).apply(obj, args);
          });
        } else if (value && typeof value === 'object') {
          wrapped.set(key, failOn(value, failing, `${name}.`));
        } else {
          return value;
        }
      }
      return wrapped.get(key);
    },
  });
}

export function failingSwitch(except: string[] = []): FailingSwitch {
  return { on: false, except: new Set(except), failed: [] };
}

