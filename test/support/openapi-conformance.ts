/**
 * Conformance of real responses to the OpenAPI document (issue 24): a response must carry a status
 * the operation declares, a content type it declares for that status, a body valid against that
 * content's schema (ajv, JSON Schema draft 2020-12, strict mode, with formats) and every header the
 * response declares as required. Requests that match no operation of the document (the 404 of an
 * unknown path, the 405 of an unknown method, /docs, the analyst page) are not checked.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
  headers?: Record<string, { required?: boolean }>;
}
interface Operation {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

/** What a response is checked with (a fetch Response read once, or its parts). */
export interface ObservedResponse {
  status: number;
  headers: Headers;
  /** The body as text ('' when empty). */
  text: string;
}

const COMPONENTS_ID = 'https://tiescore.dev/openapi/components';
/** Annotations OpenAPI allows in schemas that JSON Schema 2020-12 does not define. */
const OPENAPI_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];

/** `#/components/schemas/X` → a ref into the components schema registered with ajv. */
function rebaseRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebaseRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', `${COMPONENTS_ID}#/$defs/`) : rebaseRefs(value),
    ]),
  );
}

const mediaTypeOf = (contentType: string | null): string | undefined => contentType?.split(';')[0]!.trim().toLowerCase() || undefined;
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

export class ConformanceChecker {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  /** Path templates as regexes, the ones with fewer parameters first (`/v1/runs/published` before `/v1/runs/{id}`). */
  private readonly templates: { path: string; regex: RegExp }[];

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(this.ajv);
    for (const keyword of OPENAPI_KEYWORDS) this.ajv.addKeyword({ keyword });
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: rebaseRefs(document.components?.schemas ?? {}) as Record<string, object> });
    this.templates = Object.keys(document.paths)
      .map((path) => ({
        path,
        params: (path.match(/\{/g) ?? []).length,
        regex: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
      }))
      .sort((a, b) => a.params - b.params);
  }

  /** The operation a request is for, if the document has one. */
  operationOf(method: string, url: string): { path: string; method: string; operation: Operation } | undefined {
    const path = new URL(url, 'http://x').pathname;
    const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    for (const template of this.templates) {
      if (!template.regex.test(path)) continue;
      const operation = this.document.paths[template.path]![verb];
      if (operation) return { path: template.path, method: verb, operation };
    }
    return undefined;
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebaseRefs(schema) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /**
   * Every way the response breaks the document (empty when it conforms, or when no operation matches).
   *
   * @example
   * const problems = checker.violations('GET', '/v1/persons/p1/score', { status, headers, text });
   */
  violations(method: string, url: string, response: ObservedResponse): string[] {
    const match = this.operationOf(method, url);
    if (!match) return [];
    const where = `${match.operation.operationId} (${method.toUpperCase()} ${url}) → ${response.status}`;
    const declared = match.operation.responses[String(response.status)] ?? match.operation.responses.default;
    if (!declared) return [`${where}: status ${response.status} is not declared (declared: ${Object.keys(match.operation.responses).join(', ')})`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(declared.headers ?? {})) {
      if (header.required && !response.headers.has(name)) problems.push(`${where}: required header ${name} is missing`);
    }
    const mediaType = mediaTypeOf(response.headers.get('content-type'));
    const content = declared.content ?? {};
    if (method.toUpperCase() === 'HEAD' || (response.text === '' && mediaType === undefined)) {
      if (Object.keys(content).length > 0 && method.toUpperCase() !== 'HEAD') problems.push(`${where}: empty body, but the document declares ${Object.keys(content).join(', ')}`);
      return problems;
    }
    if (mediaType === undefined) return [...problems, `${where}: a body without Content-Type`];
    const media = content[mediaType];
    if (!media) return [...problems, `${where}: content type ${mediaType} is not declared (declared: ${Object.keys(content).join(', ') || 'none'})`];
    if (media.schema === undefined) return problems;
    const validate = this.validator(`${match.method} ${match.path} ${response.status} ${mediaType}`, media.schema);
    let values: unknown[];
    try {
      if (isJson(mediaType)) values = [JSON.parse(response.text)];
      else if (mediaType === 'application/x-ndjson') values = response.text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
      else if (mediaType.startsWith('text/')) values = [response.text];
      else return problems; // binary (a zip): the content type is the contract
    } catch (error) {
      return [...problems, `${where}: the ${mediaType} body does not parse: ${(error as Error).message}`];
    }
    for (const value of values) {
      if (!validate(value)) {
        const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
        problems.push(`${where}: the body breaks its schema: ${errors.join('; ')}`);
        break;
      }
    }
    return problems;
  }
}

/** Reads a fetch response once for the checker, leaving the original unread for the test. */
export async function observe(response: Response): Promise<ObservedResponse> {
  const copy = response.clone();
  return { status: copy.status, headers: copy.headers, text: await copy.text() };
}

/**
 * fetch for tests of a running API: every response is checked against `document` (the app's
 * /openapi.json) and a violation fails the call.
 *
 * @example
 * const call = conformingFetch(buildOpenApiDocument(ROUTES, { version: API_VERSION }));
 * const response = await call(`${url}/v1/persons/p1/score`, { headers });
 */
export function conformingFetch(document: object): (url: string, init?: RequestInit) => Promise<Response> {
  const checker = new ConformanceChecker(document as OpenApiDocument);
  return async (url, init = {}) => {
    const response = await fetch(url, init);
    const violations = checker.violations(init.method ?? 'GET', url, await observe(response));
    if (violations.length > 0) throw new Error(`response breaks /openapi.json:\n${violations.join('\n')}`);
    return response;
  };
}
