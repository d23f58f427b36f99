// Data-subject rights end to end over the real Neo4j and Redis: a person's export (JSON and a
// zip of CSVs), their erasure on their own confirmed request — after which the database holds
// nothing about them but the erasure record, and a BullMQ worker has rescored their former
// contacts — the refusal to import them again without --allow-erased, the CLI erasure, and the
// nightly retention job.
import { execFile } from 'node:child_process';
import { displayReasonCodes, roundShares } from '../../src/domain/display-numbers.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { QueueEvents, type Worker } from 'bullmq';
import { strFromU8, unzipSync } from 'fflate';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/api/auth/api-keys.js';
import { startProductionApi, type RunningApi } from '../../src/api/start.js';
import { loadConfig } from '../../src/config.js';
import type { CreditEvent } from '../../src/domain/records.js';
import { QUEUES, redisOptions, retentionQueue } from '../../src/jobs/bullmq/queues.js';
import { startRecomputeWorkers, type RecomputeWorkers } from '../../src/jobs/bullmq/recompute-workers.js';
import { startRetentionWorker } from '../../src/jobs/bullmq/retention-jobs.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { retentionCutoffs } from '../../src/jobs/retention/retention-cutoffs.js';
import type { RetentionOutcome } from '../../src/jobs/retention/run-retention.js';
import { erasureHash } from '../../src/privacy/erasure-hasher.js';
import type { PersonExport } from '../../src/privacy/person-export.js';
import { loadModel, type Model } from '../../src/score/index.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { cypher } from '../../src/store/neo4j/cypher.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';
import { deleteTestKeys } from '../support/queue-cleanup.js';
import { contactSeqsOf } from '../support/edge-rows.js';
import { API_VERSION } from '../../src/api/app.js';
import { buildOpenApiDocument } from '../../src/api/openapi.js';
import { ROUTES } from '../../src/api/routes/index.js';
import { conformingFetch } from '../support/openapi-conformance.js';
import { openMigratedStore } from '../support/migrated-store.js';

const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-erasure-test-${process.pid}`, RATE_LIMIT_PER_MINUTE: 0 };

const run = promisify(execFile);
const cli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, QUEUE_PREFIX: config.QUEUE_PREFIX } }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('export, erasure and retention on Neo4j + Redis', () => {
  let model: Model;
  let store: Neo4jStore;
  let workerStore: Neo4jStore;
  let api: RunningApi;
  let workers: RecomputeWorkers;
  let retentionWorker: Worker | undefined;
  const keys: Record<string, string> = {};
  /** The person exported and erased, their contacts and their events. */
  let target = '';
  let contacts: string[] = [];
  let events: CreditEvent[] = [];
  let exported: PersonExport;

  /** Ids of the persons linked to `seq` by a friendship or a payment either way. */
  async function contactIdsOf(seq: number): Promise<string[]> {
    return (await store.personsAtSeqs(await contactSeqsOf(store, seq))).map((p) => p.id);
  }

  /** What the database holds naming the target: their id (whole or inside text), their events', dispute's and consent's ids. */
  async function tracesOfTarget(): Promise<{ kind: string; labels: string[]; keys: string[] }[]> {
    const connection = await connectNeo4j(config);
    const session = connection.driver.session({ database: connection.database });
    try {
      const values = [target, ...events.map((e) => e.id), ...exported.disputes.map((d) => d.id), ...exported.consents.map((c) => c.id)];
      const traces = await session.run(cypher('privacy/values-anywhere'), { values, fragments: [target] });
      return traces.records.map((record) => record.toObject() as { kind: string; labels: string[]; keys: string[] });
    } finally {
      await session.close();
      await connection.close();
    }
  }

  beforeAll(async () => {
    model = await loadModel();
    store = await openMigratedStore(config);
    await loadSyntheticPopulation(store, 300, 11);
    await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
    for (let seq = 0; !target; seq++) {
      const [person] = await store.personsInSeqRange(seq, seq + 1);
      const own = await store.eventsOf(person!.id);
      const linked = await contactIdsOf(seq);
      if (linked.length >= 3 && own.some((e) => e.status === 'active')) [target, contacts, events] = [person!.id, linked, own];
    }
    keys.admin = (await issueApiKey(store, { role: 'admin' })).key;
    keys.analyst = (await issueApiKey(store, { role: 'analyst' })).key;
    keys.consumer = (await issueApiKey(store, { role: 'consumer', name: 'acme-bank' })).key;
    keys.subject = (await issueApiKey(store, { role: 'subject', personId: target })).key;
    keys.otherSubject = (await issueApiKey(store, { role: 'subject', personId: contacts[0]! })).key;
    api = await startProductionApi({ config, store, model, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
    workerStore = await Neo4jStore.open(config);
    workers = await startRecomputeWorkers({ config, store: workerStore, model });
  });

  afterAll(async () => {
    await retentionWorker?.close();
    await workers?.close();
    await workerStore?.close();
    await api?.stop();
    await deleteTestKeys(config);
  });

  // Every answer is checked against the API's own /openapi.json (issue 24).
  const checkedFetch = conformingFetch(buildOpenApiDocument(ROUTES, { version: API_VERSION }));
  const call = (method: string, path: string, key?: string, body?: unknown) =>
    checkedFetch(`${api.url}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('exports everything about the person to them and to an admin, their contacts only as counts', async () => {
    const event = events.find((e) => e.status === 'active')!;
    const dispute = (await (await call('POST', '/v1/disputes', keys.subject, { eventId: event.id, reason: 'not my loan' })).json()) as { id: string };
    const consent = await call('POST', '/v1/consents', keys.subject, { consumer: 'acme-bank', purpose: 'flat', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(consent.status).toBe(201);
    expect((await call('GET', `/v1/persons/${target}/score`, keys.consumer)).status).toBe(200);

    const response = await call('GET', `/v1/persons/${target}/export`, keys.subject);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    exported = JSON.parse(text) as PersonExport;
    expect(exported.person.id).toBe(target);
    expect(exported.events.map((e) => e.id)).toEqual(events.map((e) => e.id).sort());
    expect(exported.events.find((e) => e.id === event.id)).toMatchObject({ status: 'disputed', disputeIds: [dispute.id] });
    expect(exported.contacts.contacts).toBe(contacts.length);
    const history = await store.scoreHistory(target);
    expect(exported.scores).toHaveLength(history.length);
    // Rounded where they leave the service, as the score and history answers show them.
    expect(exported.scores[0]).toMatchObject({ score: history[0]!.score, dimensions: roundShares(history[0]!.dimensions), reasonCodes: displayReasonCodes(history[0]!.reasonCodes), published: true });
    expect(exported.consents.map((c) => c.consumer)).toEqual(['acme-bank']);
    expect(exported.disputes.map((d) => d.id)).toEqual([dispute.id]);
    expect(exported.accessLog.map((entry) => entry.role)).toContain('consumer');
    for (const contact of contacts) expect(text).not.toContain(`"${contact}"`);

    expect((await call('GET', `/v1/persons/${target}/export`, keys.otherSubject)).status).toBe(403);
    expect((await call('GET', `/v1/persons/${target}/export`, keys.analyst)).status).toBe(403);

    const zipped = await call('GET', `/v1/persons/${target}/export?format=csv`, keys.admin);
    expect(zipped.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await zipped.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['access_log.csv', 'consents.csv', 'contacts.csv', 'disputes.csv', 'events.csv', 'person.csv', 'scores.csv']);
    const lines = (name: string) => strFromU8(files[name]!).trimEnd().split('\r\n');
    expect(lines('person.csv')[1]!.split(',')[0]).toBe(target);
    expect(lines('events.csv')).toHaveLength(1 + events.length);
    expect(lines('scores.csv')).toHaveLength(1 + history.length);
    expect(lines('contacts.csv')[1]!.split(',')[0]).toBe(String(contacts.length));
    // The subject's own export was logged before the admin's.
    expect(lines('access_log.csv').some((line) => line.includes(',export,subject,'))).toBe(true);
  });

  it('erases on the subject\'s confirmed request: nothing left in Neo4j but the erasure record, former contacts rescored', async () => {
    const before = (await store.publishedRun())!;
    // The probe finds the person's data before the erasure, so finding nothing after it means something.
    const labels = new Set((await tracesOfTarget()).flatMap((trace) => trace.labels));
    expect([...labels].sort()).toEqual(expect.arrayContaining(['AccessLog', 'ApiKey', 'Consent', 'Dispute', 'Event', 'Person', 'ScoreBlock']));
    const asked = await call('DELETE', `/v1/persons/${target}`, keys.subject);
    expect(asked.status).toBe(202);
    const { confirm } = (await asked.json()) as { confirm: string };
    expect(await store.getPerson(target)).toBeDefined();
    // A token one character off (never the same token: a last character already 'A' becomes 'B').
    const wrong = `${confirm.slice(0, -1)}${confirm.endsWith('A') ? 'B' : 'A'}`;
    expect((await call('DELETE', `/v1/persons/${target}?confirm=${wrong}`, keys.subject)).status).toBe(422);

    const erased = await call('DELETE', `/v1/persons/${target}?confirm=${confirm}`, keys.subject);
    expect(erased.status).toBe(200);
    const body = (await erased.json()) as { removed: Record<string, number>; contactsToRescore: number; recompute: { id: string; kind: string } };
    expect(body.removed).toMatchObject({ events: events.length, consents: 1, disputes: 1, apiKeys: 1 });
    expect(body.contactsToRescore).toBe(contacts.length);
    expect(body.recompute.kind).toBe('incremental');

    let job = { state: 'waiting' } as { state: string; runId?: string; failedReason?: string };
    for (let i = 0; i < 240 && job.state !== 'completed' && job.state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = (await (await call('GET', `/v1/jobs/${body.recompute.id}`, keys.admin)).json()) as typeof job;
    }
    expect(job.state, job.failedReason).toBe('completed');

    // No trace: the id anywhere (whole or inside text), the ids of their events, dispute and consent.
    expect(await tracesOfTarget()).toEqual([]);
    const [record, ...others] = await store.erasureRecords(10);
    expect(others).toEqual([]);
    expect(record).toMatchObject({ idHash: erasureHash(await store.erasureSalt('unused: the salt exists'), target), role: 'subject' });

    const after = (await store.publishedRun())!;
    expect(after.id).toBe(job.runId);
    expect(after.id).not.toBe(before.id);
    expect(after.kind).toBe('incremental');
    for (const contact of contacts) expect((await store.scoreIn(after, contact))?.runId, contact).toBe(after.id);
    expect(await store.scoreIn(after, target)).toBeUndefined();
    expect((await call('GET', `/v1/persons/${target}/export`, keys.admin)).status).toBe(404);
  });

  it('refuses to import the erased person again without --allow-erased, on the command line and the API', async () => {
    const p = exported.person;
    const dir = await mkdtemp(join(tmpdir(), 'tiescore-erased-'));
    try {
      const personsFile = join(dir, 'persons.csv');
      const eventsFile = join(dir, 'events.csv');
      await writeFile(
        personsFile,
        'id,verified,account_created,income_monthly,debt_monthly,assets,bills_on_time_ratio,activity_regularity,address_changes\n' +
          `${p.id},${p.verified},${p.accountCreated},${p.incomeMonthly},${p.debtMonthly},${p.assets},${p.billsOnTimeRatio},${p.activityRegularity},${p.addressChanges}\n`,
      );
      await writeFile(eventsFile, `id,person_id,kind,at,amount,source\nnew-event-1,${p.id},repaid_on_time,2026-01-10,120,bank-a\n`);

      const refused = await cli(['import', '--persons', personsFile, '--events', eventsFile]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${personsFile}:2: person "${target}" was erased; bringing them back needs --allow-erased\n`);
      expect(refused.stderr).toContain(`${eventsFile}:2: person "${target}" was erased; bringing them back needs --allow-erased\n`);
      expect(await store.getPerson(target)).toBeUndefined();

      const ingest = (await (await call('POST', '/v1/ingest/persons', keys.admin, { items: [{ id: p.id, verified: p.verified, account_created: p.accountCreated, income_monthly: p.incomeMonthly, debt_monthly: p.debtMonthly, assets: p.assets, bills_on_time_ratio: p.billsOnTimeRatio, activity_regularity: p.activityRegularity, address_changes: p.addressChanges }] })).json()) as { accepted: number; errors: { reason: string }[] };
      expect(ingest).toMatchObject({ accepted: 0, errors: [{ reason: `person "${target}" was erased; bringing them back needs allowErased=true` }] });

      const allowed = await cli(['import', '--persons', personsFile, '--events', eventsFile, '--allow-erased']);
      expect(allowed.code, allowed.stderr).toBe(0);
      expect((await store.getPerson(target))?.incomeMonthly).toBe(p.incomeMonthly);
      expect((await store.eventsOf(target)).map((e) => e.id)).toEqual(['new-event-1']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('tiescore persons erase erases from the command line, and only with --yes', async () => {
    const victim = contacts[1]!;
    const unconfirmed = await cli(['persons', 'erase', victim]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toBe(`tiescore: erasing "${victim}" cannot be undone: add --yes to go ahead\n`);
    const done = await cli(['persons', 'erase', victim, '--yes', '--no-recompute', '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ status: 'erased', recomputeRun: null });
    expect(await store.getPerson(victim)).toBeUndefined();
    expect((await store.erasureRecords(10))[0]).toMatchObject({ role: 'operator', requestedBy: expect.stringMatching(/^cli:/) });
    expect((await cli(['persons', 'erase', victim, '--yes'])).stderr).toBe(`tiescore: no person "${victim}"\n`);
  });

  it('the retention job removes events past the model\'s window and old access-log entries, and reports how many', async () => {
    const now = new Date();
    const cutoffs = retentionCutoffs(now, { retentionYears: model.history.retentionYears, accessLogRetentionDays: config.ACCESS_LOG_RETENTION_DAYS });
    const old = new Date(now.getTime() - (config.ACCESS_LOG_RETENTION_DAYS + 1) * 86_400_000).toISOString();
    const someone = contacts[2]!;
    await store.appendAccessLogs([
      { personId: someone, at: old, kind: 'score', actor: 'k-old', role: 'analyst' },
      { personId: someone, at: now.toISOString(), kind: 'score', actor: 'k-new', role: 'analyst' },
    ]);
    await store.upsertEvents([{ id: 'ancient-1', personId: someone, kind: 'defaulted', at: '2012-03-01', amount: 500, source: 'bank-z', status: 'active' }]);
    const expired = async () => {
      const grouped = await store.eventsInSeqRange(0, await store.seqBound());
      return [...grouped.values()].flat().filter((e) => e.at < cutoffs.eventsBefore).length;
    };
    const due = await expired();
    expect(due).toBeGreaterThanOrEqual(1);

    retentionWorker = await startRetentionWorker({ config, store: workerStore, model });
    const queue = retentionQueue(config);
    const events = new QueueEvents(QUEUES.retention, { connection: redisOptions(config), prefix: config.QUEUE_PREFIX });
    try {
      await events.waitUntilReady();
      const job = await queue.add('retention', {});
      const outcome = (await job.waitUntilFinished(events, 60_000)) as RetentionOutcome;
      expect(outcome.cutoffs.eventsBefore).toBe(cutoffs.eventsBefore);
      expect(outcome.removed).toMatchObject({ events: due, accessLog: 1 });
    } finally {
      await events.close();
      await queue.close();
    }
    expect(await expired()).toBe(0);
    expect((await store.accessLogOf(someone, 10)).map((e) => e.actor)).toEqual(['k-new']);
  });
});
