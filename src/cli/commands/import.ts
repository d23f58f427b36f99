/** `tiescore import [DIR]`: bulk-load persons, friendships, transactions, events and outcomes into Neo4j. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ImportFiles, ImportProgress, ImportSummary } from '../../import/importer.js';
import type { DataFileKind } from '../../import/row-schemas.js';
import { CliError } from '../cli-error.js';
import { positiveInteger } from '../parse-options.js';
import { jsonForPeople } from '../../domain/display-numbers.js';

interface ImportCliOptions {
  persons?: string;
  friendships?: string;
  transactions?: string;
  events?: string;
  outcomes?: string;
  strict?: boolean;
  allowErased?: boolean;
  batchSize: number;
  json?: boolean;
  initial?: boolean;
  replace?: boolean;
  csvOnly?: string;
}

export function register(program: Command): void {
  program
    .command('import')
    .description('Import persons, friendships, transactions, events and outcomes (CSV with a header row, or .ndjson) into Neo4j')
    .argument('[dir]', 'folder holding persons, friendships, transactions, events and outcomes files (.csv or .ndjson)')
    .option('--persons <file>', 'persons file')
    .option('--friendships <file>', 'friendships file')
    .option('--transactions <file>', 'transactions file')
    .option('--events <file>', 'credit events file')
    .option('--outcomes <file>', 'observed outcomes file (person_id,defaulted), for `tiescore evaluate` and the evaluation report')
    .option('--strict', 'abort before writing anything if any row is bad')
    .option('--allow-erased', 'import persons who were erased (and edges and events naming them): bring them back')
    .option('--batch-size <n>', 'rows per write transaction', positiveInteger('--batch-size'), 10_000)
    .option('--json', 'print the summary as one JSON object')
    .option('--initial', 'first load: check the rows as above, then build the database offline with Neo4j\'s bulk importer (neo4j-admin database import full) and migrate it; needs an empty database and, in dev, the Neo4j of `npm run services:start`')
    .option('--replace', 'with --initial: replace a database that is not empty (everything in it is lost)')
    .option('--csv-only <dir>', 'with --initial: only write the bulk-import files and their neo4j-admin arguments (import.args) into DIR; touch no database')
    .addHelpText(
      'after',
      '\nBad rows are reported on stderr as FILE:LINE: reason and skipped; the exit code is 1 when any row was rejected.\nRows of erased persons (tiescore persons erase) are refused unless --allow-erased.\nColumns of each file: see the README, "Data files".\n--initial stops the dev Neo4j (scripts/services.sh), imports and starts it again; it refuses a database holding erasure records. Docker Compose: README, "First load".',
    )
    .action(async (dir: string | undefined, options: ImportCliOptions) => {
      if (!options.initial && (options.replace || options.csvOnly !== undefined)) throw new CliError('--replace and --csv-only go with --initial');
      if (options.initial) return initialLoad(dir, options);
      const [{ loadConfig }, { importFiles }, { DATA_FILE_KINDS }, { withCliStore }, { createProgress }, { ImportProgressBars }] = await Promise.all([
        import('../../config.js'),
        import('../../import/importer.js'),
        import('../../import/row-schemas.js'),
        import('../open-store.js'),
        import('../progress.js'),
        import('../import-progress.js'),
      ]);
      const files = resolveFiles(dir, options, DATA_FILE_KINDS);
      const config = loadConfig();
      const summary = await withCliStore(config, (store) => {
        const progress = new ImportProgressBars({ createProgress });
        return importFiles(store, files, { ...rowOptions(options, progress), erasureSalt: config.ERASURE_SALT }).finally(() => progress.stop());
      });
      console.log(options.json ? jsonForPeople(summary) : describe(summary));
      if (summary.rejected > 0) process.exitCode = 1;
    });
}

async function initialLoad(dir: string | undefined, options: ImportCliOptions): Promise<void> {
  const [{ loadConfig }, { DATA_FILE_KINDS }, { importInitial }, { createProgress }, { ImportProgressBars }] = await Promise.all([
    import('../../config.js'),
    import('../../import/row-schemas.js'),
    import('../import-initial.js'),
    import('../progress.js'),
    import('../import-progress.js'),
  ]);
  const files = resolveFiles(dir, options, DATA_FILE_KINDS);
  const progress = new ImportProgressBars({ createProgress });
  const summary = await importInitial(loadConfig(), files, {
    ...rowOptions(options, progress),
    replace: options.replace,
    csvOnly: options.csvOnly,
    onLoadLine: (line) => {
      progress.stop();
      console.error(line);
    },
  }).finally(() => progress.stop());
  if (options.json) console.log(jsonForPeople(summary));
  else if (summary.rows.aborted || (!summary.loaded && summary.csvDir === undefined)) console.log(describe(summary.rows));
  else {
    const how = summary.loaded ? 'loaded with neo4j-admin database import full and migrated' : `written as bulk-import files to ${summary.csvDir} (arguments in import.args)`;
    const { rows, load, migrate } = summary.phases;
    const where = summary.loaded ? `: rows ${rows.toFixed(1)} s, neo4j-admin with the restart ${load.toFixed(1)} s, schema ${migrate.toFixed(1)} s` : '';
    console.log(`${summary.rows.read} rows read, ${summary.rows.rejected} rejected, ${how} in ${summary.seconds.toFixed(1)} s (${Math.round(summary.rowsPerSecond)} rows/s)${where}`);
  }
  if (summary.rows.rejected > 0) process.exitCode = 1;
}

/** How rows are checked and reported, the same for both ways of importing. */
function rowOptions(options: ImportCliOptions, progress: { update(update: ImportProgress): void }) {
  return {
    strict: options.strict,
    allowErased: options.allowErased,
    batchSize: options.batchSize,
    onRejected: (message: string) => console.error(message),
    onProgress: (update: ImportProgress) => progress.update(update),
  };
}

function resolveFiles(dir: string | undefined, options: ImportCliOptions, DATA_FILE_KINDS: readonly DataFileKind[]): ImportFiles {
  const files: ImportFiles = {};
  if (dir !== undefined) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${dir} is not a folder`);
    for (const kind of DATA_FILE_KINDS) {
      const found = [`${kind}.csv`, `${kind}.ndjson`].map((name) => join(dir, name)).filter((path) => existsSync(path));
      if (found.length > 1) throw new CliError(`${dir} holds both ${kind}.csv and ${kind}.ndjson; keep one`);
      if (found[0]) files[kind] = found[0];
    }
  }
  for (const kind of DATA_FILE_KINDS) if (options[kind] !== undefined) files[kind] = options[kind];
  if (Object.keys(files).length === 0) {
    throw new CliError(
      dir === undefined
        ? 'nothing to import: give a folder or --persons/--friendships/--transactions/--events/--outcomes files'
        : `${dir} holds none of ${DATA_FILE_KINDS.map((kind) => `${kind}.csv`).join(', ')} (or .ndjson)`,
    );
  }
  return files;
}

function describe(summary: ImportSummary): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = summary.files.flatMap((file) => {
    const t = file.timingsMs;
    return [
      `  ${file.kind.padEnd(12)} read ${file.read}, created ${file.created}, updated ${file.updated}, unchanged ${file.unchanged}, rejected ${file.rejected}  (${file.file})`,
      `  ${''.padEnd(12)} ${s(t.total)}: parsing ${s(t.parsing)}, reference checks ${s(t.checking)}, waiting for the database ${s(t.waitingForWrites)} (writes ${s(t.writing)}, beside parsing)`,
    ];
  });
  const head = summary.aborted
    ? `import aborted (--strict): ${summary.rejected} bad rows, nothing written`
    : `imported ${summary.read} rows in ${summary.seconds.toFixed(1)} s (${Math.round(summary.rowsPerSecond)} rows/s): ` +
      `${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected`;
  return [head, ...lines].join('\n');
}
