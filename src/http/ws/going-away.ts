import type { FastifyInstance } from 'fastify';

/** Close code and reason every open socket gets when the server shuts down: "going away", reconnect elsewhere. */
export const GOING_AWAY = { code: 1001, reason: 'server restarting' } as const;

/**
 * `@fastify/websocket`'s preClose: tells every open socket (customers and agents) that the server
 * is going away (1001), so the widget and the console reconnect — to another node, or to this one
 * once it is back — and resume by seq. Without it the sockets would close with no code (1005).
 * @example await app.register(websocket, { preClose: closeGoingAway })
 */
export function closeGoingAway(this: FastifyInstance, done: () => void): void {
  const server = this.websocketServer;
  for (const client of server.clients) client.close(GOING_AWAY.code, GOING_AWAY.reason);
  server.close(() => done());
}
