/**
 * Writes the OpenAPI document of the route table to a file (no server, no services), for
 * `npm run lint:openapi` and for client generators.
 *
 * Usage: tsx scripts/write-openapi.ts [out]   (default test-artifacts/openapi.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { API_VERSION } from '../src/api/app.js';
import { buildOpenApiDocument } from '../src/api/openapi.js';
import { ROUTES } from '../src/api/routes/index.js';

const out = process.argv[2] ?? 'test-artifacts/openapi.json';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(ROUTES, { version: API_VERSION }), null, 2)}\n`);
console.log(`wrote ${out}`);
