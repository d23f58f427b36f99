/**
 * Fuzzed HTTP requests for one route of the route table (src/api/routes/index.ts), generated from
 * what the table says about it: its method, its path template and the zod schemas of its path
 * parameters, query and body (through their JSON Schema). A request is mostly well-formed and
 * wrong in a few places: a field missing, of the wrong type, out of range, hostile or unknown,
 * or the body malformed, oversize, deeply nested, in the wrong encoding or media type, or the
 * key wrong. That gets it past the outer checks to the ones deep inside. A route added to the
 * table is fuzzed without any change here.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { z } from 'zod';
import type { AnyRoute } from '../../src/api/route.js';
import { hostileJson, hostileNumber, hostileString } from './hostile-values.js';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

/** What the generator knows about the world it fuzzes. */
export interface FuzzWorld {
  /** Values a path parameter or a string field may plausibly take (person ids, consumer names, …), read when a value is drawn, so they may grow. */
  plausible: string[];
  /** Keys by name: the generator picks among them (and bad ones) for the Authorization header. */
  keys: Record<string, string>;
  /** Arbitrary for values a schema leaves open (`z.unknown()`, e.g. ingestion items). */
  open: fc.Arbitrary<unknown>;
  /** The same for a request with these path parameters (e.g. rows of the `{kind}` named in the path); defaults to `open`. */
  openFor?: (params: Record<string, string>) => fc.Arbitrary<unknown>;
  /** The API's body limit in bytes (for oversize bodies). */
  bodyLimit: number;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** How the request was made wrong, for failure messages. */
  note: string;
}

/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as any client would send it). */
const percentEncode = (text: string): string =>
  [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Draws from a list read at draw time (it may grow while the test runs). */
const liveFrom = (list: string[]): fc.Arbitrary<string> => fc.nat().map((k) => (list.length > 0 ? list[k % list.length]! : 'none'));

const jsonSchemaOf = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

const isoDateString = fc.date({ min: new Date('1890-01-01'), max: new Date('2250-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

/** A value for a JSON Schema: usually fitting it, sometimes wrong in type, range or content. */
export function valueFor(schema: JsonSchema, world: FuzzWorld, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(hostileString(), hostileNumber(), fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}));
  const fitting = fittingValue(schema, world, depth);
  return fc.oneof({ weight: 4, arbitrary: fitting }, { weight: 1, arbitrary: wrong });
}

function fittingValue(schema: JsonSchema, world: FuzzWorld, depth: number): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => fittingValue(s, world, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: hostileString() });
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return fc.oneof(isoDateString, isoDateString.map((s) => s.replace('Z', '+14:00')), hostileString());
      if (schema.pattern?.includes('\\d\\d-\\d\\d')) return fc.oneof(isoDateString.map((s) => s.slice(0, 10)), fc.constantFrom('2026-02-30', '1899-12-31', '2026-13-01', '2026-6-1'));
      return fc.oneof(
        { weight: 3, arbitrary: liveFrom(world.plausible) },
        { weight: 2, arbitrary: fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) }) },
        { weight: 2, arbitrary: hostileString() },
        { weight: 1, arbitrary: fc.constant('y'.repeat((schema.maxLength ?? 128) + 1)) },
      );
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      const inRange = type === 'integer' ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }) : fc.double({ min, max, noNaN: true });
      return fc.oneof({ weight: 3, arbitrary: inRange }, fc.constantFrom(min - 1, max + 1, min - 0.5, max + 0.5), hostileNumber(), inRange.map(String));
    }
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', '1', '0', 'yes'));
    case 'array': {
      const item = schema.items && Object.keys(schema.items).length > 0 ? valueFor(schema.items, world, depth + 1) : world.open;
      const maxItems = schema.maxItems ?? 5;
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(item, { minLength: 0, maxLength: Math.min(4, maxItems) }) },
        { weight: 1, arbitrary: item.map((one) => Array.from({ length: maxItems + 1 }, () => one)) },
      );
    }
    case 'object': {
      if (!schema.properties || depth > 4) return hostileJson();
      const entries = Object.entries(schema.properties);
      const fields = fc.tuple(...entries.map(([, s]) => fc.option(valueFor(s, world, depth + 1), { freq: 6, nil: undefined })));
      const extra = fc.option(fc.dictionary(fc.oneof(hostileString(), fc.constantFrom('__proto__', 'constructor', 'zz_unknown')), hostileJson(), { minKeys: 1, maxKeys: 2 }), { freq: 5, nil: undefined });
      return fc.tuple(fields, extra).map(([values, more]) => {
        const out: Record<string, unknown> = {};
        entries.forEach(([name], k) => {
          if (values[k] !== undefined) out[name] = values[k];
        });
        if (more) for (const [key, value] of Object.entries(more)) Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
        return out;
      });
    }
    default:
      return world.open;
  }
}

/** A value that fits the schema (all required fields, no extra ones), as far as JSON Schema can say. */
export function exactValue(schema: JsonSchema, world: FuzzWorld): fc.Arbitrary<unknown> {
  if (Object.keys(schema).length === 0) return world.open; // z.unknown(): whatever the world fills in
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => exactValue(s, world)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return isoDateString;
      if (schema.pattern?.includes('\\d\\d-\\d\\d')) return isoDateString.map((s) => s.slice(0, 10)).filter((d) => d >= '1900' && d < '2200');
      return liveFrom(world.plausible);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? 0, -(2 ** 31)), max: Math.min(schema.maximum ?? 1000, 2 ** 31) });
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(exactValue(schema.items ?? {}, world), { minLength: Math.max(1, schema.minItems ?? 0), maxLength: Math.min(6, schema.maxItems ?? 6) });
    case 'object': {
      const entries = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      return fc.tuple(...entries.map(([name, s]) => (required.has(name) ? exactValue(s, world) : fc.option(exactValue(s, world), { nil: undefined })))).map((values) =>
        Object.fromEntries(entries.flatMap(([name], k) => (values[k] === undefined ? [] : [[name, values[k]]]))),
      );
    }
    default:
      return fc.constant(null);
  }
}

/** An object that fits its schema but for at most one field: dropped, wrong, or one unknown field added. */
export function nearlyExactObject(schema: JsonSchema, world: FuzzWorld): fc.Arbitrary<unknown> {
  const names = Object.keys(schema.properties ?? {});
  const mutation = fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.record({ drop: fc.constantFrom(...names) }) },
    { weight: 2, arbitrary: fc.record({ field: fc.constantFrom(...names), value: fc.oneof(hostileString(), hostileNumber(), fc.constant(null), fc.boolean()) }) },
    { weight: 1, arbitrary: fc.record({ field: fc.oneof(fc.constant('zz_unknown'), hostileString()), value: hostileJson() }) },
  );
  return fc.tuple(exactValue(schema, world), mutation).map(([value, change]) => {
    const out = { ...(value as Record<string, unknown>) };
    if (change && 'drop' in change) delete out[change.drop];
    else if (change) Object.defineProperty(out, change.field, { value: change.value, enumerable: true, configurable: true, writable: true });
    return out;
  });
}

/** A path segment: a plausible or hostile value, percent-encoded, or raw bytes that are not valid percent-encoding. */
function pathSegment(schema: JsonSchema | undefined, world: FuzzWorld): fc.Arbitrary<string> {
  const value = schema ? fittingValue(schema, world, 0).map(String) : liveFrom(world.plausible);
  return fc.oneof(
    { weight: 4, arbitrary: value.map(percentEncode) },
    { weight: 3, arbitrary: hostileString().map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%2F', '%2e%2e', '%00', '..', '.', 'a%20b', '%F0%9F%98') },
  );
}

function queryString(schema: JsonSchema | undefined, world: FuzzWorld): fc.Arbitrary<string> {
  const properties = Object.entries(schema?.properties ?? {});
  const known = properties.map(([name, s]) => fc.option(valueFor(s, world).map((v) => [name, typeof v === 'string' ? v : JSON.stringify(v) ?? ''] as const), { freq: 2, nil: undefined }));
  const extra = fc.option(fc.tuple(fc.oneof(hostileString(), fc.constant('zz_unknown')), hostileString()), { freq: 4, nil: undefined });
  const repeat = fc.boolean();
  return fc.tuple(fc.tuple(...known), extra, repeat).map(([pairs, more, repeated]) => {
    const list = pairs.filter((p): p is readonly [string, string] => p !== undefined).map(([k, v]) => [k, v] as [string, string]);
    if (more) list.push(more);
    if (repeated && list.length > 0) list.push(list[0]!);
    return list.length === 0 ? '' : `?${list.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}`;
  });
}

/** Request bodies: mostly JSON of the body schema, sometimes broken in one of many ways. */
function bodyOf(schema: JsonSchema | undefined, world: FuzzWorld): fc.Arbitrary<{ bytes: Buffer | undefined; note: string }> {
  const value = schema ? valueFor(schema, world) : hostileJson();
  const json = value.map((v) => JSON.stringify(v) ?? 'null');
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  return fc.oneof(
    { weight: 8, arbitrary: json.map((text) => ({ bytes: utf8(text), note: 'json' })) },
    { weight: 1, arbitrary: fc.constant({ bytes: undefined, note: 'no body' }) },
    { weight: 1, arbitrary: fc.tuple(json, fc.nat()).map(([text, cut]) => ({ bytes: utf8(text.slice(0, cut % Math.max(1, text.length))), note: 'truncated json' })) },
    { weight: 1, arbitrary: fc.tuple(json, hostileString()).map(([text, junk]) => ({ bytes: utf8(text + junk), note: 'json + junk' })) },
    { weight: 1, arbitrary: json.map((text) => ({ bytes: utf8(`\ufeff${text}`), note: 'BOM' })) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 60_000 }).map((d) => ({ bytes: utf8(`${'['.repeat(d)}${']'.repeat(d)}`), note: `array nested ${d} deep` })) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 30_000 }).map((d) => ({ bytes: utf8(`{"items":[${'{"a":'.repeat(d)}1${'}'.repeat(d)}]}`), note: `object nested ${d} deep` })) },
    { weight: 1, arbitrary: fc.constant({ bytes: utf8(`{"pad":"${'x'.repeat(world.bodyLimit)}"}`), note: 'oversize' }) },
    { weight: 1, arbitrary: json.map((text) => ({ bytes: Buffer.concat([utf8(text.slice(0, 1)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), utf8(text.slice(1))]), note: 'invalid UTF-8' })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ bytes: Buffer.from(bytes), note: 'random bytes' })) },
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json, text/html',
  '*/*',
];

function authorization(route: AnyRoute, world: FuzzWorld): fc.Arbitrary<string | undefined> {
  const admitted = route.access === 'public' ? [] : Object.keys(route.access).filter((role) => world.keys[role]).map((role) => world.keys[role]!);
  const any = Object.values(world.keys);
  return fc.oneof(
    { weight: 6, arbitrary: admitted.length > 0 ? fc.constantFrom(...admitted).map((key) => `Bearer ${key}`) : fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(...any).map((key) => `Bearer ${key}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: hostileString().map((s) => `Bearer ${s}`) },
    { weight: 1, arbitrary: fc.constantFrom(...any).map((key) => `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`) },
    { weight: 1, arbitrary: hostileString().map((s) => `Basic ${Buffer.from(`u:${s}`).toString('base64')}`) },
    { weight: 1, arbitrary: hostileString() },
  );
}

interface RequestParts {
  method: string;
  segments: string[];
  query: string;
  auth: string | undefined;
  body: { bytes: Buffer | undefined; note: string } | undefined;
  contentType: string | undefined;
  encoding: string | undefined;
  origin: string | undefined;
}

function assemble(route: AnyRoute, names: string[], parts: RequestParts, fault: string): FuzzRequest {
  let path = route.path;
  names.forEach((name, k) => (path = path.replace(`{${name}}`, parts.segments[k]!)));
  const headers: Record<string, string> = {};
  const b = parts.body;
  if (parts.auth !== undefined) headers.authorization = parts.auth;
  if (b?.bytes !== undefined && parts.contentType !== undefined) headers['content-type'] = parts.contentType;
  if (b?.bytes !== undefined && parts.encoding !== undefined) headers['content-encoding'] = parts.encoding;
  if (parts.origin !== undefined) headers.origin = parts.origin;
  const note = `${fault}: ${b?.note ?? 'no body'}${parts.contentType && b?.bytes ? `, ${parts.contentType}` : ''}${parts.encoding ? `, ${parts.encoding}` : ''}`;
  return { method: parts.method, path: `${path}${parts.query}`, headers, body: b?.bytes, note };
}

/**
 * Fuzzed requests for one route: a third are wrong everywhere at once ("wild"); the rest are
 * valid requests with one fault ("focused": in the path, the query, a body value, the raw body,
 * its media type or encoding, the key or the method, or none), which reach the checks deep in
 * the handlers.
 *
 * @example
 * fc.assert(fc.asyncProperty(fuzzRequests(route, world), async (request) => { await send(url, request); ... }));
 */
export function fuzzRequests(route: AnyRoute, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const params = route.params ? jsonSchemaOf(route.params) : undefined;
  const querySchema = route.query ? jsonSchemaOf(route.query) : undefined;
  const bodySchema = route.body ? jsonSchemaOf(route.body) : undefined;
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const hasBody = route.method !== 'get';
  const faulty = {
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
    segments: fc.tuple(...names.map((name) => pathSegment(params?.properties?.[name], world))),
    query: queryString(querySchema, world),
    auth: authorization(route, world),
    body: bodyOf(bodySchema, world),
    bodyValue: (bodySchema ? valueFor(bodySchema, world) : hostileJson()).map((v) => ({ bytes: Buffer.from(JSON.stringify(v) ?? 'null'), note: 'json' })),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
    encoding: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-zip'),
  };
  const admitted = route.access === 'public' ? [] : Object.keys(route.access).filter((role) => world.keys[role]).map((role) => `Bearer ${world.keys[role]}`);
  const exactQuery = fc
    .tuple(...Object.entries(querySchema?.properties ?? {}).map(([name, s]) => fc.option(exactValue(s, world).map((v) => `${percentEncode(name)}=${percentEncode(String(v))}`), { nil: undefined })))
    .map((pairs) => {
      const present = pairs.filter((p) => p !== undefined);
      return present.length > 0 ? `?${present.join('&')}` : '';
    });
  // A valid request: path parameters first, since open body values may depend on them.
  const skeleton = fc.tuple(...names.map((name) => exactValue(params?.properties?.[name] ?? {}, world).map(String))).chain((values: string[]) => {
    const bodyWorld = world.openFor ? { ...world, open: world.openFor(Object.fromEntries(names.map((name, k) => [name, values[k]!]))) } : world;
    return fc.record({
      method: fc.constant(route.method.toUpperCase()),
      segments: fc.constant(values.map(percentEncode)),
      query: exactQuery,
      auth: admitted.length > 0 ? fc.constantFrom(...admitted) : fc.constant(undefined),
      body: hasBody && bodySchema ? exactValue(bodySchema, bodyWorld).map((v) => ({ bytes: Buffer.from(JSON.stringify(v) ?? 'null'), note: 'json' })) : fc.constant(undefined),
      contentType: fc.constant('application/json'),
      encoding: fc.constant(undefined),
      origin: fc.option(fc.constantFrom('https://evil.example', 'null'), { freq: 6, nil: undefined }),
    });
  });
  const focused = fc
    .tuple(skeleton, fc.record(faulty), fc.constantFrom('none', 'path', 'query', 'body value', 'raw body', 'media type', 'encoding', 'key', 'method'))
    .map(([parts, bad, fault]) => {
      const changed: RequestParts = { ...parts };
      if (fault === 'path') changed.segments = bad.segments;
      if (fault === 'query') changed.query = bad.query;
      if (fault === 'body value') changed.body = bad.bodyValue;
      if (fault === 'raw body') changed.body = bad.body;
      if (fault === 'media type') changed.contentType = bad.contentType;
      if (fault === 'encoding') changed.encoding = bad.encoding;
      if (fault === 'key') changed.auth = bad.auth;
      if (fault === 'method') changed.method = bad.method;
      return assemble(route, names, changed, fault);
    });
  const wild = fc
    .record({
      method: fc.oneof({ weight: 12, arbitrary: fc.constant(route.method.toUpperCase()) }, { weight: 1, arbitrary: faulty.method }),
      segments: faulty.segments,
      query: faulty.query,
      auth: faulty.auth,
      body: hasBody ? faulty.body : fc.option(faulty.body, { freq: 8, nil: undefined }),
      contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: faulty.contentType }),
      encoding: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: faulty.encoding }),
      origin: fc.option(fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'), { freq: 6, nil: undefined }),
    })
    .map((parts) => assemble(route, names, parts, 'wild'));
  return fc.oneof({ weight: 1, arbitrary: wild }, { weight: 2, arbitrary: focused });
}

export interface FuzzResponse {
  status: number;
  contentType: string;
  /** The Cache-Control header ('' without one). */
  cacheControl: string;
  body: string;
}

/**
 * Sends a request over real HTTP with node:http (fetch would refuse some of the bytes and
 * methods on purpose). Header values node refuses to send (control characters) are dropped;
 * undefined means node refused the request itself, so nothing reached the server.
 */
export function send(baseUrl: string, request: FuzzRequest): Promise<FuzzResponse | undefined> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      // Node refuses CR, LF and NUL in a header value, and anything outside Latin-1.
      if (/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) headers[name] = value;
    }
    if (request.body !== undefined) headers['content-length'] = String(request.body.length);
    let req;
    try {
      req = httpRequest({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent: false });
    } catch {
      resolve(undefined); // an unsendable path: the server never sees it
      return;
    }
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer within 60 s: ${request.method} ${request.path.slice(0, 200)}`)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), cacheControl: String(res.headers['cache-control'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may answer an oversize body (413) and close before it was all sent.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: -1, contentType: '', cacheControl: '', body: error.code });
      else reject(error);
    });
    req.end(request.body);
  });
}
