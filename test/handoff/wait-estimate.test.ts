import { estimateWaitSeconds, formatWait } from '../../src/handoff/wait-estimate';
import type { AgentPresence } from '../../src/handoff/presence';

const agent = (status: AgentPresence['status'], capacity: number, activeChats: number) => ({ status, capacity, activeChats });
const busy = agent('online', 2, 2);

describe('estimateWaitSeconds', () => {
  it('is undefined when no agent is online, so the widget can offer a case instead', () => {
    expect(estimateWaitSeconds({ position: 1, onlineAgents: [], recentPickupSeconds: [60] })).toBeUndefined();
    expect(
      estimateWaitSeconds({ position: 1, onlineAgents: [agent('away', 3, 0), agent('offline', 3, 0)], recentPickupSeconds: [60] }),
    ).toBeUndefined();
  });

  it('grows with the place in line', () => {
    const at = (position: number) => estimateWaitSeconds({ position, onlineAgents: [busy], recentPickupSeconds: [60] });
    expect(at(1)).toBe(60);
    expect(at(2)).toBe(120);
    expect(at(5)).toBe(300);
  });

  it('is shorter with more agents online', () => {
    const withAgents = (n: number) =>
      estimateWaitSeconds({ position: 4, onlineAgents: Array.from({ length: n }, () => busy), recentPickupSeconds: [90] });
    expect(withAgents(1)).toBe(360);
    expect(withAgents(2)).toBe(180);
    expect(withAgents(4)).toBe(90);
    expect(withAgents(2)!).toBeLessThan(withAgents(1)!);
  });

  it('counts free slots as parallel pickups, and a free slot never lengthens the wait', () => {
    const roomy = estimateWaitSeconds({ position: 3, onlineAgents: [agent('online', 3, 0)], recentPickupSeconds: [60] });
    expect(roomy).toBe(60);
    const threeBusy = [busy, busy, busy];
    const oneFree = [busy, busy, agent('online', 2, 1)];
    const est = (agents: typeof threeBusy) => estimateWaitSeconds({ position: 3, onlineAgents: agents, recentPickupSeconds: [60] })!;
    expect(est(oneFree)).toBeLessThanOrEqual(est(threeBusy));
  });

  it('uses the median of recent pickups, so one very slow pickup does not dominate', () => {
    const est = estimateWaitSeconds({ position: 1, onlineAgents: [busy], recentPickupSeconds: [60, 3600, 55, 65, 62] });
    expect(est).toBe(90); // median 62 s, rounded up to the next 30 s step
  });

  it('looks only at the 20 most recent pickups', () => {
    const old = Array.from({ length: 30 }, () => 600);
    const recent = Array.from({ length: 20 }, () => 60);
    expect(estimateWaitSeconds({ position: 1, onlineAgents: [busy], recentPickupSeconds: [...old, ...recent] })).toBe(60);
  });

  it('falls back to the default pickup time without history, and ignores invalid samples', () => {
    expect(estimateWaitSeconds({ position: 1, onlineAgents: [busy], recentPickupSeconds: [] })).toBe(120);
    expect(estimateWaitSeconds({ position: 1, onlineAgents: [busy], recentPickupSeconds: [-5, Number.NaN] })).toBe(120);
    expect(estimateWaitSeconds({ position: 2, onlineAgents: [busy], recentPickupSeconds: [], defaultPickupSeconds: 45 })).toBe(90);
  });

  it('is a positive multiple of 30 seconds, even for instant pickups or odd positions', () => {
    expect(estimateWaitSeconds({ position: 1, onlineAgents: [busy], recentPickupSeconds: [0] })).toBe(30);
    expect(estimateWaitSeconds({ position: -3, onlineAgents: [busy], recentPickupSeconds: [10] })).toBe(30);
    expect(estimateWaitSeconds({ position: 1, onlineAgents: [busy], recentPickupSeconds: [31] })).toBe(60);
  });
});

describe('formatWait', () => {
  it.each([
    [0, 'less than a minute'],
    [30, 'less than a minute'],
    [60, 'about 1 minute'],
    [89, 'about 1 minute'],
    [180, 'about 3 minutes'],
    [3540, 'about 59 minutes'],
    [3600, 'about 1 hour'],
    [7200, 'about 2 hours'],
    [-10, 'less than a minute'],
  ])('%d seconds reads "%s"', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });

  it('refuses a non-number instead of showing a made-up wait', () => {
    expect(() => formatWait(Number.NaN)).toThrow(RangeError);
  });
});
