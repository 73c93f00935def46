/**
 * Issue 15: `GET /docs/json` is a valid OpenAPI 3.0 document that lists every REST route of the
 * real app with its method, and says how to authenticate. Validity is checked against the
 * OpenAPI Initiative's own JSON schema for 3.0 (test/data/openapi-3.0.schema.json, the
 * 2021-09-28 release, Apache-2.0), which is draft-04: the two draft-04 spellings it uses are
 * rewritten for ajv's default draft-07 below.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { startTestApp, type TestApp } from '../helpers/app';
import { routeTable } from '../helpers/route-table';

jest.setTimeout(120_000);

/** The OAS 3.0 schema as draft-07: no draft-04 `id`/`$schema`, `exclusiveMinimum: true` as a number. */
function openApiSchema(): object {
  const raw = readFileSync(path.join(__dirname, '..', 'data', 'openapi-3.0.schema.json'), 'utf8');
  const schema = JSON.parse(raw, function (key, value: unknown) {
    if (value && typeof value === 'object' && (value as { exclusiveMinimum?: unknown }).exclusiveMinimum === true) {
      const { minimum, exclusiveMinimum: _drop, ...rest } = value as { minimum: number; exclusiveMinimum: boolean };
      return { ...rest, exclusiveMinimum: minimum };
    }
    return value;
  }) as Record<string, unknown>;
  delete schema.id;
  delete schema.$schema;
  return schema;
}

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(openApiSchema());
}

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, { tags?: string[]; security?: unknown[]; responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
}

/** Pages, assets, sockets and the docs themselves: not REST, not in the document (see route-schemas.test.ts). */
const notRest = (p: string) =>
  p.startsWith('/ws/') || p === '/docs' || p.startsWith('/docs/') || ['/', '/orders.html', '/widget.js', '/favicon.svg', '/favicon.ico', '/help', '/help/:id'].includes(p) || p.startsWith('/console');

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    t = await startTestApp({ metricsToken: 'm'.repeat(32), smtpUrl: 'smtp://127.0.0.1:9', mailFrom: 'Support <support@example.org>' });
    const res = await fetch(`${t.url}/docs/json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDoc;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is valid OpenAPI 3.0 by the specification’s schema', () => {
    const validate = validator();
    const valid = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the validity check refuses a broken document (so the test above can fail)', () => {
    const validate = validator();
    expect(validate({ ...doc, info: { title: 'x' } })).toBe(false);
    expect(validate({ ...doc, paths: { '/x': { get: { responses: { 200: { content: {} } } } } } })).toBe(false); // a response without description
  });

  it('lists every REST route of the app with its method, and nothing else', () => {
    const rest = routeTable(t.app).filter((r) => !notRest(r.path)).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(rest.length).toBeGreaterThan(55);
    expect(documented.sort()).toEqual(rest.sort());
  });

  it('has a title, the package version, a tag on every operation, and the security schemes the routes use', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(doc.info.version).toBe(pkg.version);
    expect(doc.info.title).toMatch(/API/);
    const tagNames = new Set(doc.tags.map((tag) => tag.name));
    const ops = Object.entries(doc.paths).flatMap(([p, o]) => Object.entries(o).map(([m, op]) => ({ key: `${m} ${p}`, op })));
    expect(ops.filter(({ op }) => !op.tags?.length || !op.tags.every((tag) => tagNames.has(tag))).map((o) => o.key)).toEqual([]);
    expect(doc.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'bnpl_agent_session' }),
      csrf: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
      metricsToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    // A staff route asks for the session (and the CSRF token when it writes); the widget's routes for nothing.
    expect(doc.paths['/api/cases/{id}']!.patch!.security).toEqual([{ session: [], csrf: [] }]);
    expect(doc.paths['/api/cases']!.get!.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/nlu/parse']!.post!.security).toEqual([]);
    expect(doc.paths['/metrics']!.get!.security).toEqual([{ metricsToken: [] }]);
  });

  it('documents the error body on every operation', () => {
    const ops = Object.entries(doc.paths).flatMap(([p, o]) => Object.entries(o).map(([m, op]) => ({ key: `${m} ${p}`, op })));
    expect(ops.filter(({ op }) => !op.responses['4XX'] || !op.responses['5XX']).map((o) => o.key)).toEqual([]);
    expect(JSON.stringify(doc.paths['/api/cases']!.get!.responses['4XX'])).toContain('statusCode');
  });
});
