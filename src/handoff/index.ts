/**
 * The hand-off's domain core: queue order, agent presence and capacity, claim rules, requeue after
 * a dropped agent, the wait estimate and business hours. Pure functions over plain data and an
 * injected clock reading; storage, bus and sockets are wired in by the hand-off service.
 *
 * Proposed agent socket frames (`GET /ws/agent`, JSON text frames, session cookie required; every
 * action is authorised against the session's agent). To be moved into src/protocol and
 * docs/agent-protocol.md by whoever builds the socket.
 *
 * client → server (`id` is the client's id, echoed in the answer or `error`):
 * - `{"type":"status","status":"online"|"away"|"offline"}`
 * - `{"type":"claim","id","conversationId"}`
 * - `{"type":"message","id","conversationId","text"}`      to the customer
 * - `{"type":"note","id","conversationId","text"}`         internal; never sent to the customer
 * - `{"type":"transfer","id","conversationId","toAgentId"}`
 * - `{"type":"release","id","conversationId"}`             back to the bot
 * - `{"type":"close","id","conversationId","resolution"}`
 * - `{"type":"typing","conversationId"}`
 *
 * server → client:
 * - `{"type":"queue","entries":[{conversationId,escalationId,priority,reason,queuedSince,topic?,summary}]}`
 *   the whole queue in service order, on connect and after a reconnect
 * - `{"type":"queue_update","op":"added"|"removed","entry"?,"conversationId"}`
 * - `{"type":"assigned","conversationId","escalationId","customer":{…},"summary"}`  claim won, or transferred here
 * - `{"type":"history","conversationId","messages":[{seq,id,from,text,meta?}…]}`  transcript incl. intents and notes
 * - `{"type":"message","conversationId","seq","id","from","text","internal"?:true}`
 * - `{"type":"typing","conversationId","from":"customer"}`
 * - `{"type":"error","id"?,"code","message","retryable"}`  e.g. ALREADY_CLAIMED, AT_CAPACITY, NOT_ONLINE
 */
export * from './queue-order';
export * from './presence';
export * from './wait-estimate';
export * from './business-hours';
export * from './requeue';
export * from './claim';
