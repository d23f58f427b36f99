/**
 * An API over real HTTP for the tests: a MemoryStore with a small synthetic population scored
 * by recomputeInline, one key per role, the app listening on an ephemeral port.
 */
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { API_VERSION, createApp, type CreateAppOptions } from '../../../src/api/app.js';
import { buildOpenApiDocument } from '../../../src/api/openapi.js';
import { ROUTES } from '../../../src/api/routes/index.js';
import { AttestationKeys } from '../../../src/api/attestation/signing-keys.js';
import { issueApiKey } from '../../../src/api/auth/api-keys.js';
import type { ApiOptions } from '../../../src/api/deps.js';
import { createLogger } from '../../../src/api/middleware/request-log.js';
import { PublishedNetworkViews } from '../../../src/api/network-view.js';
import { memoryImagesOf } from '../../../src/jobs/recompute/snapshot-images.js';
import { InlineRecomputeJobs } from '../../../src/api/recompute-jobs.js';
import { startServer, type RunningServer } from '../../../src/api/server.js';
import type { ApiRole } from '../../../src/domain/safeguards.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { loadModel, type Model } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { ConformanceChecker, observe, type OpenApiDocument } from '../../support/openapi-conformance.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

export const PERSONS = 300;
export const SEED = 7;
/** The subject key's person, and another person. */
export const SUBJECT = 'p000';
export const OTHER = 'p001';

let cachedKeys: Promise<AttestationKeys> | undefined;

export interface Harness {
  url: string;
  store: MemoryStore;
  model: Model;
  jobs: InlineRecomputeJobs;
  views: PublishedNetworkViews;
  attestationKeys: AttestationKeys;
  /** Keys by role (subject bound to SUBJECT, consumer named `acme-bank`). */
  keys: Record<ApiRole, string> & { revoked: string; otherSubject: string };
  /** Everything the app logged, as text. */
  logs: () => string;
  /** Moves the app's clock (ms). */
  advance(ms: number): void;
  now(): Date;
  /**
   * fetch relative to the app, with a key (or none). The response is checked against the app's
   * own /openapi.json (test/support/openapi-conformance.ts): a status, content type, body or
   * required header the document does not declare fails the call.
   */
  call(method: string, path: string, options?: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { api?: Partial<ApiOptions>; persons?: number; app?: CreateAppOptions; publish?: boolean; /** Default true. */ conformance?: boolean; /** Default: the default model. */ model?: Model } = {},
): Promise<Harness> {
  const store = new MemoryStore();
  const model = options.model ?? (await loadModel());
  await loadSyntheticPopulation(store, options.persons ?? PERSONS, SEED);
  if (options.publish ?? true) await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const jobs = new InlineRecomputeJobs(store, model, { now: clock, defaultAsOf: SYNTH_AS_OF });
  const views = new PublishedNetworkViews(store, model, memoryImagesOf(store));
  const attestationKeys = await (cachedKeys ??= AttestationKeys.generate());
  let logText = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logText += chunk.toString();
      done();
    },
  });
  const logger: Logger = createLogger('info', sink);
  const key = async (role: ApiRole, extra: { personId?: string; name?: string } = {}) => (await issueApiKey(store, { role, ...extra })).key;
  const keys = {
    admin: await key('admin'),
    analyst: await key('analyst'),
    consumer: await key('consumer', { name: 'acme-bank' }),
    subject: await key('subject', { personId: SUBJECT }),
    batch: await key('batch', { name: 'decision-engine' }),
    otherSubject: await key('subject', { personId: OTHER }),
    revoked: await key('analyst'),
  };
  const revokedId = keys.revoked.split('_')[1]!;
  await store.revokeApiKey(revokedId, new Date().toISOString());
  const app = createApp(
    { store, model, networkViews: views, jobs, attestationKeys, clock, logger, options: { rateLimitPerMinute: 100_000, ...options.api } },
    options.app,
  );
  const running: RunningServer = await startServer(app, { host: '127.0.0.1', port: 0, graceMs: 1000 });
  let checker: ConformanceChecker | undefined;
  const conform = async (method: string, path: string, response: Response) => {
    if (options.conformance === false) return;
    // The document /openapi.json serves, built in-process: fetching it would spend a rate-limit slot.
    checker ??= new ConformanceChecker(buildOpenApiDocument(options.app?.routes ?? ROUTES, { version: API_VERSION }) as OpenApiDocument);
    const violations = checker.violations(method, path, await observe(response));
    if (violations.length > 0) throw new Error(`response breaks /openapi.json:\n${violations.join('\n')}`);
  };
  return {
    url: running.url,
    store,
    model,
    jobs,
    views,
    attestationKeys,
    keys,
    logs: () => logText,
    advance: (ms) => {
      offset += ms;
    },
    now: clock,
    call(method, path, { key, body, rawBody, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (key !== undefined) (init.headers as Record<string, string>).authorization = `Bearer ${key}`;
      if (rawBody !== undefined || body !== undefined) {
        init.body = rawBody ?? JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      return fetch(`${running.url}${path}`, init).then(async (response) => {
        await conform(method, path, response);
        return response;
      });
    },
    close: () => running.close(),
  };
}

/** Reads a problem+json response and checks its shape. */
export async function problemOf(response: Response): Promise<{ type: string; title: string; status: number; detail?: string; errors?: { field: string; message: string }[] }> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type} (${response.status}): ${await response.text()}`);
  const body = (await response.json()) as { type: string; title: string; status: number; detail?: string };
  if (body.status !== response.status) throw new Error(`problem status ${body.status} differs from HTTP ${response.status}`);
  return body;
}
