import { agentFreeSlots, freeSlots, pickLeastBusy, type AgentPresence } from '../../src/handoff/presence';

const agent = (agentId: string, over: Partial<AgentPresence> = {}): AgentPresence => ({
  agentId,
  name: agentId.toUpperCase(),
  status: 'online',
  capacity: 3,
  activeChats: 0,
  lastSeenAt: 1_000,
  ...over,
});

describe('pickLeastBusy', () => {
  it('gives the chat to the online agent with the fewest active chats', () => {
    const picked = pickLeastBusy([agent('ana', { activeChats: 2 }), agent('ben', { activeChats: 1 }), agent('cem', { activeChats: 2 })]);
    expect(picked?.agentId).toBe('ben');
  });

  it('skips agents who are away, offline or at capacity', () => {
    const agents = [
      agent('away', { status: 'away' }),
      agent('off', { status: 'offline' }),
      agent('full', { capacity: 2, activeChats: 2 }),
      agent('over', { capacity: 1, activeChats: 3 }),
      agent('free', { activeChats: 2 }),
    ];
    expect(pickLeastBusy(agents)?.agentId).toBe('free');
  });

  it('breaks ties by who has been idle longest, never-assigned first', () => {
    const agents = [agent('recent', { lastAssignedAt: 9_000 }), agent('earlier', { lastAssignedAt: 2_000 })];
    expect(pickLeastBusy(agents)?.agentId).toBe('earlier');
    expect(pickLeastBusy([...agents, agent('new')])?.agentId).toBe('new');
  });

  it('is deterministic when everything ties', () => {
    expect(pickLeastBusy([agent('zoe'), agent('amy')])?.agentId).toBe('amy');
    expect(pickLeastBusy([agent('amy'), agent('zoe')])?.agentId).toBe('amy');
  });

  it('is undefined when nobody online has room', () => {
    expect(pickLeastBusy([])).toBeUndefined();
    expect(pickLeastBusy([agent('full', { capacity: 1, activeChats: 1 }), agent('away', { status: 'away' })])).toBeUndefined();
  });
});

describe('freeSlots', () => {
  it('adds up the room of online agents only, never counting an overloaded agent as negative', () => {
    const agents = [
      agent('a', { capacity: 3, activeChats: 1 }),
      agent('b', { capacity: 2, activeChats: 5 }),
      agent('c', { status: 'away', capacity: 4 }),
      agent('d', { capacity: 1, activeChats: 0 }),
    ];
    expect(freeSlots(agents)).toBe(3);
    expect(agentFreeSlots(agents[1]!)).toBe(0);
    expect(freeSlots([])).toBe(0);
  });
});
