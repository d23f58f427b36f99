/**
 * `tiescore scores export`: every person's score, band, five dimensions and reason codes of the
 * published (or a given) run, to a file — `.csv` or `.ndjson`, gzipped when the name ends in
 * `.gz` — streamed from Neo4j a page at a time (constant memory). The same rows as
 * `GET /v1/runs/{id}/scores`; the export is recorded and shows in each included person's access
 * log. `tiescore scores exports` lists the recorded exports.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { PURPOSE_LENGTH, type ScoreExportFormat } from '../../domain/score-exports.js';
import { CliError } from '../cli-error.js';
import { positiveInteger } from '../parse-options.js';

interface ExportOptions {
  run?: string;
  out: string;
  purpose: string;
  cursor?: number;
  limit?: number;
  json?: boolean;
}

/** The format and compression an output file name asks for. */
export function exportTarget(file: string): { format: ScoreExportFormat; gzip: boolean } {
  const match = /\.(csv|ndjson)(\.gz)?$/i.exec(file);
  if (!match) throw new CliError(`--out ${file}: the name must end in .csv, .ndjson, .csv.gz or .ndjson.gz`);
  return { format: match[1]!.toLowerCase() as ScoreExportFormat, gzip: match[2] !== undefined };
}

const seqCursor = (value: string): number => {
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError('--cursor must be a seq (a whole number of at least 0)');
  return Number(value);
};

export function register(program: Command): void {
  const scores = program.command('scores').description("Export a run's scores in bulk; list the exports made");
  scores
    .command('export')
    .description("Write every person's score, band, five dimensions and reason codes of a run to a file (.csv/.ndjson, .gz to compress)")
    .requiredOption('--out <file>', 'the file to write: NAME.csv, NAME.ndjson, NAME.csv.gz or NAME.ndjson.gz')
    .requiredOption('--purpose <text>', 'what the scores are for: recorded with the export and shown to every person it includes')
    .option('--run <run>', 'run id (default: the published run)')
    .option('--cursor <seq>', 'resume: only the rows after this seq (the last row of a cut-off export)', seqCursor)
    .option('--limit <n>', 'at most this many rows', positiveInteger('--limit'))
    .option('--json', 'print the summary as one JSON object')
    .addHelpText('after', '\nThe file is written as FILE.part and renamed when complete. Rows are in seq order; CSV columns:\nseq,person_id,score,band,history,behaviour,capacity,identity,network,reason_codes (codes joined by ";").')
    .action(async (options: ExportOptions) => {
      const target = exportTarget(options.out);
      const purpose = options.purpose.trim();
      if (purpose.length < PURPOSE_LENGTH.min || purpose.length > PURPOSE_LENGTH.max) {
        throw new CliError(`--purpose must say what the export is for in ${PURPOSE_LENGTH.min}–${PURPOSE_LENGTH.max} characters`);
      }
      const [{ loadConfig }, { withCliStore }, { writeScoreExport }] = await Promise.all([
        import('../../config.js'),
        import('../open-store.js'),
        import('../score-export-file.js'),
      ]);
      const summary = await withCliStore(loadConfig(), (store) => writeScoreExport(store, { ...options, ...target, purpose }));
      console.log(
        options.json
          ? JSON.stringify(summary)
          : `exported ${summary.rows} scores of run ${summary.runId} to ${summary.file} in ${summary.seconds.toFixed(1)} s (export ${summary.exportId})`,
      );
    });
  scores
    .command('exports')
    .description('List the score exports made, newest first: who, when, purpose, run, rows')
    .option('--limit <n>', 'exports to list', positiveInteger('--limit'), 30)
    .option('--json', 'print JSON')
    .action(async (options: { limit: number; json?: boolean }) => {
      const [{ loadConfig }, { withCliStore }] = await Promise.all([import('../../config.js'), import('../open-store.js')]);
      const records = await withCliStore(loadConfig(), (store) => store.listScoreExports(options.limit));
      if (options.json) return console.log(JSON.stringify(records));
      if (records.length === 0) return console.log('no score exports yet');
      for (const x of records) {
        console.log(`${x.id}  ${x.startedAt}  ${x.status.padEnd(11)} run ${x.runId}  ${x.rows} rows  ${x.format}  by ${x.actor} (${x.role}, ${x.via})  for "${x.purpose}"`);
      }
    });
}
