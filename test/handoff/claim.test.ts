import { decideClaim, type ClaimInput } from '../../src/handoff/claim';

const base: ClaimInput = { entry: { status: 'queued' }, agent: { status: 'online' }, agentActiveChats: 1, capacity: 3 };

describe('decideClaim', () => {
  it('lets an online agent with room claim a queued chat', () => {
    expect(decideClaim(base)).toEqual({ ok: true });
  });

  it('tells the agent when someone else already has the chat', () => {
    expect(decideClaim({ ...base, entry: { status: 'assigned' } })).toEqual({ ok: false, code: 'ALREADY_CLAIMED' });
  });

  it('refuses chats that were closed, cancelled or never existed', () => {
    for (const entry of [{ status: 'closed' as const }, { status: 'cancelled' as const }, undefined]) {
      expect(decideClaim({ ...base, entry })).toEqual({ ok: false, code: 'NOT_IN_QUEUE' });
    }
  });

  it('refuses agents who are away or offline', () => {
    expect(decideClaim({ ...base, agent: { status: 'away' } })).toEqual({ ok: false, code: 'NOT_ONLINE' });
    expect(decideClaim({ ...base, agent: { status: 'offline' } })).toEqual({ ok: false, code: 'NOT_ONLINE' });
  });

  it('refuses agents at or over capacity', () => {
    expect(decideClaim({ ...base, agentActiveChats: 3 })).toEqual({ ok: false, code: 'AT_CAPACITY' });
    expect(decideClaim({ ...base, agentActiveChats: 5 })).toEqual({ ok: false, code: 'AT_CAPACITY' });
    expect(decideClaim({ ...base, capacity: 0, agentActiveChats: 0 })).toEqual({ ok: false, code: 'AT_CAPACITY' });
  });

  it('reports a lost race before the agent’s own state', () => {
    expect(decideClaim({ entry: { status: 'assigned' }, agent: { status: 'away' }, agentActiveChats: 9, capacity: 1 })).toEqual({
      ok: false,
      code: 'ALREADY_CLAIMED',
    });
  });
});
