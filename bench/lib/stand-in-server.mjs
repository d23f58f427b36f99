/**
 * `tiescore serve` against Neo4j and Redis, as bench/api.ts starts it, but with the score route's
 * store call (`Store.publishedScoresLogged`, one per batch of concurrent reads) replaced by a
 * stand-in: bounds on what any way of serving a score read can reach through this API's HTTP
 * stack, authentication, validation and response (bench/api.ts --stand-in).
 *
 * The first batch is read from Neo4j as usual; its first score is then the answer for every
 * person (with the person's id), and each later batch, before it is answered:
 * - `memory`: touches nothing — a read served from the API's memory, logged nowhere;
 * - `empty-write`: makes one auto-commit write to Neo4j that changes nothing (the publish
 *   statement for a run that does not exist) — the least any design that commits to Neo4j
 *   before answering pays per batch;
 * - `log-write`: appends the batch's access-log entries (`Store.appendAccessLogs`, one write) —
 *   today's entries with every score, run and dispute held in memory.
 *
 *   node bench/lib/stand-in-server.mjs DIST MODE HOST PORT
 * DIST: a compiled tree's dist folder (bench/lib/processes.ts compileServer); configuration from
 * the environment, as for `tiescore serve`.
 */
import { pathToFileURL } from 'node:url';

const [dist, mode, host, port] = process.argv.slice(2);
const MODES = ['memory', 'empty-write', 'log-write'];
if (!dist || !MODES.includes(mode) || !host || !port) {
  console.error(`usage: node bench/lib/stand-in-server.mjs DIST ${MODES.join('|')} HOST PORT`);
  process.exit(2);
}
const load = (path) => import(pathToFileURL(`${dist}/${path}`).href);
const [{ loadConfig }, { createLogger }, { API_STORE_OPTIONS, startProductionApi }, { loadCliModel }, { openCliStore }, { serveUntilSignalled }, { NotFoundError }] =
  await Promise.all([
    load('config.js'),
    load('api/middleware/request-log.js'),
    load('api/start.js'),
    load('cli/load-cli-model.js'),
    load('cli/open-store.js'),
    load('cli/commands/serve.js'),
    load('store/errors.js'),
  ]);

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const store = await openCliStore(config, API_STORE_OPTIONS);
const api = await startProductionApi({ config, store: withStandIn(store), model: await loadCliModel(config), logger, host, port: Number(port) });
logger.info({ url: api.url, standIn: mode }, 'tiescore API listening, score reads through a stand-in');
await serveUntilSignalled(api, (line) => logger.info(line));

/** The store with `publishedScoresLogged` replaced as `mode` says; every other call goes to `store`. */
function withStandIn(store) {
  let template;
  const publishedScoresLogged = async (reads) => {
    if (!template) {
      const read = await store.publishedScoresLogged(reads);
      const first = read?.persons.find((person) => person.score);
      if (first) template = { run: read.run, score: first.score };
      return read;
    }
    if (mode === 'empty-write') {
      await store.publishRun('bench-stand-in-no-such-run', new Date().toISOString()).catch((error) => {
        if (!(error instanceof NotFoundError)) throw error;
      });
    } else if (mode === 'log-write') {
      await store.appendAccessLogs(reads.map((read) => read.entry));
    }
    return {
      run: template.run,
      persons: reads.map((read) => ({ personId: read.personId, found: true, score: { ...template.score, personId: read.personId }, disputedEventIds: [] })),
    };
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'publishedScoresLogged') return publishedScoresLogged;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
