/**
 * `tiescore serve`: the HTTP API. In production it reads and writes Neo4j and enqueues
 * recomputes on Redis for `tiescore worker`s; `--embedded` serves a synthetic population scored
 * in memory instead (no services) and prints a key per role. SIGTERM/SIGINT finish the
 * requests in flight, then exit (a second signal exits at once).
 */
import type { Command } from 'commander';
import type { EmbeddedApi, RunningApi } from '../../api/start.js';
import { CliError } from '../cli-error.js';
import { calendarDate, portNumber, positiveInteger } from '../parse-options.js';

interface ServeOptions {
  host?: string;
  port?: number;
  model?: string;
  embedded?: boolean;
  persons: number;
  seed: number;
  asOf: string;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve the HTTP API (Neo4j + Redis; --embedded: an in-memory synthetic population, no services)')
    .option('--host <address>', 'address to listen on (default: HOST)')
    .option('--port <n>', 'port to listen on (default: PORT)', portNumber('--port'))
    .option('--model <file>', 'scorecard model (default: TIESCORE_MODEL or models/default.json)')
    .option('--embedded', 'serve a synthetic population scored in memory and print one API key per role')
    .option('--persons <n>', 'with --embedded: persons to generate', positiveInteger('--persons'), 2000)
    .option('--seed <s>', 'with --embedded: seed of the population', positiveInteger('--seed'), 1)
    .option('--as-of <date>', 'with --embedded: as-of date of the population and its scores', calendarDate('--as-of'), '2026-06-30')
    .action(async (options: ServeOptions) => {
      const [{ loadConfig }, { SigningKeyError }, { createLogger }, { API_STORE_OPTIONS, startEmbeddedApi, startProductionApi }, { runDemo }, { loadCliModel }, { openCliStore }] =
        await Promise.all([
          import('../../config.js'),
          import('../../api/attestation/signing-keys.js'),
          import('../../api/middleware/request-log.js'),
          import('../../api/start.js'),
          import('../../demo/run-demo.js'),
          import('../load-cli-model.js'),
          import('../open-store.js'),
        ]);
      const config = loadConfig();
      const model = await loadCliModel(config, options.model);
      const logger = createLogger(config.LOG_LEVEL);
      let api: RunningApi;
      try {
        if (options.embedded) {
          const { store } = await runDemo({ persons: options.persons, seed: options.seed, asOf: options.asOf, model });
          const embedded = await startEmbeddedApi({ config, model, logger, store, asOf: options.asOf, host: options.host, port: options.port });
          console.error(describeEmbeddedApi(embedded, options.persons));
          api = embedded;
        } else {
          const store = await openCliStore(config, API_STORE_OPTIONS);
          api = await startProductionApi({ config, store, model, logger, host: options.host, port: options.port }).catch(async (error: unknown) => {
            await store.close();
            throw error;
          });
          logger.info({ url: api.url, model: model.version }, 'tiescore API listening');
        }
      } catch (error) {
        if (error instanceof SigningKeyError) throw new CliError(error.message);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
          throw new CliError(`cannot listen on ${options.host ?? config.HOST}:${options.port ?? config.PORT}: ${code}`);
        }
        throw error;
      }
      await serveUntilSignalled(api, (line) => logger.info(line));
    });
}

/** Where the embedded API listens, its keys (shown once) and a first request to try. */
export function describeEmbeddedApi(api: EmbeddedApi, persons: number): string {
  return [
    `tiescore API (embedded, ${persons} synthetic persons) on ${api.url} — docs at ${api.url}/docs, analyst page at ${api.url}/ (sign in with the analyst key)`,
    'API keys (shown once):',
    ...Object.entries(api.keys).map(([role, key]) => `  ${role.padEnd(9)} ${key}${role === 'subject' ? `  (person ${api.subjectId})` : ''}`),
    `try: curl -H "Authorization: Bearer ${api.keys.subject}" ${api.url}/v1/persons/${api.subjectId}/score`,
    `and what would raise it: curl -H "Authorization: Bearer ${api.keys.subject}" ${api.url}/v1/persons/${api.subjectId}/recourse`,
  ].join('\n');
}

/** Serves until SIGTERM/SIGINT, then lets requests in flight finish (a second signal exits at once). */
export function serveUntilSignalled(api: RunningApi, log: (line: string) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: finishing requests in flight, then exiting`);
      process.once(signal, () => process.exit(130));
      void api.stop().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
