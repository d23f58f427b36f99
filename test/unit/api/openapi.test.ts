/** The OpenAPI document is generated from the route table: same operations, same access, same schemas. */
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../src/api/openapi.js';
import { ROUTES } from '../../../src/api/routes/index.js';

interface Operation {
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { required: boolean };
  responses: Record<string, unknown>;
  description: string;
}

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument(ROUTES, { version: 'test' }) as { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

  it('lists exactly the operations of the route table', () => {
    const listed = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(listed.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('marks public routes without security, the others with the bearer key and 401/403', () => {
    for (const route of ROUTES) {
      const op = doc.paths[route.path]![route.method]!;
      expect(op.operationId).toBe(route.operationId);
      if (route.access === 'public') {
        expect(op.security).toEqual([]);
        expect(op.responses['401']).toBeUndefined();
      } else {
        expect(op.security).toEqual([{ apiKey: [] }]);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
        for (const role of Object.keys(route.access)) expect(op.description).toContain(role);
      }
    }
  });

  it('documents every path parameter and query field the schemas accept', () => {
    for (const route of ROUTES) {
      const op = doc.paths[route.path]![route.method]!;
      const names = (op.parameters ?? []).map((p) => `${p.in}:${p.name}`).sort();
      const expected = [
        ...[...route.path.matchAll(/\{(\w+)\}/g)].map((m) => `path:${m[1]}`),
        ...Object.keys((route.query as unknown as { shape?: object })?.shape ?? {}).map((name) => `query:${name}`),
      ].sort();
      expect(names, `${route.method} ${route.path}`).toEqual(expected);
      expect(op.requestBody !== undefined).toBe(route.body !== undefined);
    }
  });
});

describe('OpenAPI document: what a validating client relies on (issue 24)', () => {
  const doc = buildOpenApiDocument(ROUTES, { version: 'test' }) as {
    servers: { url: string }[];
    tags: { name: string; description: string }[];
    paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; schema: { type: unknown } }[]; responses: Record<string, { headers?: Record<string, { required: boolean }>; content?: Record<string, { schema: Record<string, unknown> }> }> }>>;
    components: { schemas: Record<string, Record<string, unknown>> };
  };
  const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
  const op = (id: string) => operations.find((o) => o.operationId === id)!;
  const patterns = [...JSON.stringify(doc).matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);

  it('has no pattern with regex flags copied into it, and every pattern compiles as ECMA-262 with the u flag', () => {
    expect(patterns.length).toBeGreaterThan(5);
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/\/[dgimsuvy]+$/);
      expect(() => new RegExp(pattern, 'u')).not.toThrow();
    }
  });

  it('person ids mean the same with and without the u flag: emoji pass, controls and lone surrogates do not', () => {
    const personId = patterns.find((p) => p.includes('\\x00'))!;
    for (const flags of ['', 'u']) {
      const re = new RegExp(personId, flags);
      expect(['p000042', 'Zoë 🙂', 'a b'].map((s) => re.test(s))).toEqual([true, true, true]);
      expect(['a\u0000', 'a\u0085', 'x\uD800', '\uDC00y', ''].map((s) => re.test(s))).toEqual([false, false, false, false, false]);
    }
  });

  it('declares 400 on every operation, 429 only where the limiter runs, and a servers entry and every tag', () => {
    for (const operation of operations) expect(Object.keys(operation.responses), operation.operationId).toContain('400');
    for (const id of ['health', 'ready', 'metrics']) expect(op(id).responses['429'], id).toBeUndefined();
    expect(op('getScore').responses['429']!.headers!['Retry-After']!.required).toBe(true);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.tags.map((t) => t.name).sort()).toEqual([...new Set(ROUTES.map((r) => r.tag))].sort());
  });

  it('declares the headers the server sends', () => {
    expect(op('getScore').responses['200']!.headers!['X-Request-Id']!.required).toBe(true);
    expect(op('getScore').responses['401']!.headers!['WWW-Authenticate']!.required).toBe(true);
    expect(Object.keys(op('getScore').responses['200']!.headers!)).toEqual(expect.arrayContaining(['RateLimit', 'RateLimit-Policy']));
    for (const [id, status] of [['grantConsent', '201'], ['openDispute', '201'], ['startRecompute', '202']] as const) expect(op(id).responses[status]!.headers!.Location!.required, id).toBe(true);
    expect(op('exportRunScores').responses['200']!.headers!['Tiescore-Export-Id']).toBeDefined();
    expect(op('exportRunScores').responses['200']!.headers!['Tiescore-Run-Id']!.required).toBe(true);
  });

  it('types getJob, verifyAttestation and listDisputes as the server sends them', () => {
    expect(doc.components.schemas.Job!.type).toBe('object');
    expect(doc.components.schemas.Job!.additionalProperties).toBe(false);
    const verdict = doc.components.schemas.AttestationVerdict as { oneOf: { required: string[] }[] };
    expect(verdict.oneOf.map((branch) => branch.required.sort())).toEqual([['claims', 'kid', 'valid'], ['reason', 'valid']]);
    expect(op('listDisputes').parameters!.find((p) => p.name === 'offset')!.schema.type).toBe('integer');
    const network = (doc.components.schemas.Explanation as { properties: Record<string, { properties: object; additionalProperties: unknown }> }).properties.network!;
    expect(Object.keys(network.properties)).toEqual(expect.arrayContaining(['consistentWithScore', 'priorShrinkage', 'reason']));
    expect(network.additionalProperties).toBe(false);
  });
});
