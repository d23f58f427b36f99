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
