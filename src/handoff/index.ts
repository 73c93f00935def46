/**
 * The hand-off's domain core: queue order, agent presence and capacity, claim rules, requeue after
 * a dropped agent, the wait estimate and business hours. Pure functions over plain data and an
 * injected clock reading; storage, bus and sockets are wired in by the hand-off service.
 *
 * The service (`service.ts`) wires them to storage and the bus. The agent socket's frames are the
 * contract in src/protocol/agent.ts and docs/agent-protocol.md.
 */
export * from './queue-order';
export * from './presence';
export * from './wait-estimate';
export * from './business-hours';
export * from './requeue';
export * from './claim';
export * from './availability';
export * from './channels';
export * from './service';
