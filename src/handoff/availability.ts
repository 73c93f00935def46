import type { AgentAvailability } from '../conversation/ports';
import type { PresenceRecord } from '../storage/handoff';
import type { Storage } from '../storage/types';
import { isOpen, nextOpening, type BusinessHours } from './business-hours';

/** Default: a socket not heard of for this long counts as gone (its node died). */
export const HEARTBEAT_STALE_MS = 30_000;

/** Whether an agent's console is really connected, judged from stored times only. */
export function isConnected(p: PresenceRecord | undefined, now: number, staleMs = HEARTBEAT_STALE_MS): boolean {
  return p !== undefined && p.connections > 0 && now - p.lastSeenAt <= staleMs;
}

export interface AvailabilityDeps {
  storage: Pick<Storage, 'handoff'>;
  /** Epoch ms. */
  clock: () => number;
  /** Opening hours (config `BUSINESS_HOURS`); undefined means always open. */
  businessHours?: BusinessHours;
  heartbeatStaleMs?: number;
}

/**
 * Whether a person can take a chat now: within business hours AND some connected, online agent
 * has a free slot. Reads storage only, so it needs nothing but the store and can be created
 * before the conversation service that asks it.
 */
export function createAgentAvailability(deps: AvailabilityDeps): AgentAvailability {
  const store = deps.storage.handoff;
  return {
    async check() {
      const now = deps.clock();
      if (deps.businessHours && !isOpen(deps.businessHours, new Date(now))) {
        const next = nextOpening(deps.businessHours, new Date(now));
        return { available: false, reason: 'outside_business_hours', ...(next ? { nextOpening: next.getTime() } : {}) };
      }
      const [agents, presence, active] = await Promise.all([store.listAgents(), store.listPresence(), store.activeAssignments()]);
      const byId = new Map(presence.map((p) => [p.agentId, p]));
      const load = new Map<string, number>();
      for (const a of active) load.set(a.agentId, (load.get(a.agentId) ?? 0) + 1);
      const free = agents.some((a) => {
        const p = byId.get(a.id);
        return !a.disabled && isConnected(p, now, deps.heartbeatStaleMs) && p!.status === 'online' && (load.get(a.id) ?? 0) < a.capacity;
      });
      return free ? { available: true } : { available: false, reason: 'no_agents_online' };
    },
  };
}
