import type { MessageRecord } from '../../storage/types';

export interface SeqDeliveryOptions {
  /** Stored messages after `seq`, oldest first, at most `limit`. */
  messagesAfter(seq: number, limit: number): Promise<MessageRecord[]>;
  /** Sends one message; called strictly in `seq` order, each seq once. */
  deliver(message: MessageRecord): void;
  /** The last seq the client already has (resume). Default 0. */
  lastSeq?: number;
  /** Page size when filling a gap from storage. Default 500. */
  pageSize?: number;
}

/**
 * Gap-free, in-order delivery of one conversation's messages to one client: a live message that
 * is next is sent at once, an old one is dropped, and one after a gap (a bus event lost or
 * overtaken) makes the rest come from storage. Calls must not overlap (the socket's ordered
 * outbox runs them one at a time).
 * @example
 * const delivery = createSeqDelivery({ lastSeq: 0, messagesAfter: (s, n) => storage.messagesAfter(id, s, n), deliver: send });
 * await delivery.catchUp(); // resume
 * await delivery.offer(event.message); // live
 */
export function createSeqDelivery(opts: SeqDeliveryOptions) {
  const pageSize = opts.pageSize ?? 500;
  let lastSeq = opts.lastSeq ?? 0;

  /** Sends stored messages after the last one sent, in order. */
  async function catchUp(): Promise<void> {
    for (;;) {
      const batch = await opts.messagesAfter(lastSeq, pageSize);
      for (const m of batch) {
        if (m.seq !== lastSeq + 1) return;
        opts.deliver(m);
        lastSeq = m.seq;
      }
      if (batch.length < pageSize) return;
    }
  }

  return {
    catchUp,
    /** A live message: sent when next, ignored when already sent, fetched with the gap otherwise. */
    async offer(m: MessageRecord): Promise<void> {
      if (m.seq <= lastSeq) return;
      if (m.seq === lastSeq + 1) {
        opts.deliver(m);
        lastSeq = m.seq;
        return;
      }
      await catchUp();
    },
    get lastSeq(): number {
      return lastSeq;
    },
  };
}

export type SeqDelivery = ReturnType<typeof createSeqDelivery>;
