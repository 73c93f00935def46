import type { FastifyPluginAsync } from 'fastify';

/**
 * The site icon: a speech bubble in the console's brand purple, as SVG (sharp at every size, 300 bytes).
 * Pages link it with `<link rel="icon" href="/favicon.svg">`; `/favicon.ico`, which browsers ask
 * for on their own, answers with the same image.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#5a31f4"/><path d="M8 9h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z" fill="#fff"/><circle cx="11.5" cy="15.5" r="1.5" fill="#5a31f4"/><circle cx="16" cy="15.5" r="1.5" fill="#5a31f4"/><circle cx="20.5" cy="15.5" r="1.5" fill="#5a31f4"/></svg>`;

/** The `<link>` every page of ours puts in its head. */
export const FAVICON_LINK = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';

/** `GET /favicon.svg` and `GET /favicon.ico`, cached for a day. */
export const faviconRoutes: FastifyPluginAsync = async (app) => {
  const send = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.header('content-type', 'image/svg+xml').header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff').send(FAVICON_SVG);
  app.get('/favicon.svg', send);
  app.get('/favicon.ico', send);
};
