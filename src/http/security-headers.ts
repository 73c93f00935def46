import helmet from '@fastify/helmet';
import type { FastifyPluginAsync, RouteShorthandOptions } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityHeaderOptions {
  /**
   * The public address (`PUBLIC_URL`). When it is `https:`, browsers are told to use HTTPS only
   * (HSTS, one year) and to upgrade insecure subresource requests; over plain HTTP neither is sent,
   * so a local `http://localhost:3000` keeps working. Default `''` (plain HTTP).
   * @example { publicUrl: 'https://chat.example.com' }
   */
  publicUrl: string;
}

/**
 * The content security policy of every page this server renders (demo shop, help centre, console,
 * and the JSON routes, where it costs nothing): scripts only from this origin and never inline,
 * no plugins, no `<base>` tricks, and the page may not be framed by anyone (clickjacking). Styles
 * may be inline: the help centre ships its CSS in the page, and the widget styles its shadow root
 * with a `<style>` element. The widget's socket is same-origin on these pages (`'self'` covers
 * `ws:`/`wss:` to this host).
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': https ? [] : null,
  };
}

/**
 * Route options for a resource other sites load with a tag, like `/widget.js` in a shop's page:
 * `Cross-Origin-Resource-Policy: cross-origin` instead of the default `same-origin`, which would
 * make the browser refuse the script on every page but ours.
 * @example app.get('/widget.js', embeddable, handler)
 */
export const embeddable: RouteShorthandOptions = { helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } } };

/**
 * Route options for a page that needs no inline style at all (the agent console adopts its
 * section styles as constructed sheets): the same policy with `style-src 'self'`.
 * @example app.get('/console', noInlineStyles, handler)
 */
export const noInlineStyles: RouteShorthandOptions = { config: { noInlineStyles: true } };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by `noInlineStyles`. */
    noInlineStyles?: boolean;
  }
}

const plugin: FastifyPluginAsync<SecurityHeaderOptions> = async (app, opts) => {
  const https = opts.publicUrl.startsWith('https:');
  const csp = contentSecurityPolicy(https);
  // Added before helmet's own onRoute hook, which reads the route's `helmet` option after this.
  app.addHook('onRoute', (route) => {
    if (!route.config?.noInlineStyles || route.helmet !== undefined) return;
    route.helmet = { contentSecurityPolicy: { useDefaults: false, directives: { ...csp, 'style-src': ["'self'"] } } };
  });
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
};

/**
 * Security headers on every response (`@fastify/helmet`): the CSP above, `X-Frame-Options: DENY`,
 * `nosniff`, `Referrer-Policy: same-origin`, same-origin opener and resource policies, and HSTS
 * when `PUBLIC_URL` is https. A route may relax one header for itself with helmet's route option
 * (see `embeddable`).
 * @example await app.register(securityHeaders, { publicUrl: config.publicUrl });
 */
export const securityHeaders = fp(plugin, { name: 'security-headers' });
