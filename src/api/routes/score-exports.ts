/**
 * `GET /v1/runs/{id}/scores`: a run's scores in bulk for a lender's decision engine (the `batch`
 * role) or an admin — every person the run serves a score for, streamed in seq order as NDJSON
 * or CSV (by `Accept`, or `format`), resumable after the last row received (`cursor`). Each call
 * is recorded as a score export (src/privacy/score-export.ts) and shows in every included
 * person's access log; the same rows as `tiescore scores export`.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { PURPOSE_LENGTH, SCORE_EXPORT_FORMATS, type ScoreExportFormat } from '../../domain/score-exports.js';
import { SCORE_EXPORT_CONTENT_TYPES, SCORE_EXPORT_CSV_COLUMNS } from '../../privacy/score-export-rows.js';
import { startScoreExport } from '../../privacy/score-export.js';
import { ApiProblem, notFound } from '../problem.js';
import { callerOf } from '../reads.js';
import { defineRoute, type Reply } from '../route.js';
import { dimensionsSchema, generatedId } from './schemas.js';

const optionalInt = (min: number, description: string) =>
  z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(Number.MAX_SAFE_INTEGER).optional().meta({ description });

const exportRowSchema = z.object({
  seq: z.number().int().meta({ description: 'Orders the rows; resume a cut-off stream with `cursor` = the last seq received' }),
  personId: z.string(),
  score: z.number().int(),
  band: z.string(),
  dimensions: dimensionsSchema,
  reasonCodes: z.array(z.string()).meta({ description: 'Stable codes, most points lost first' }),
});

/** The format asked for: `format` when given, else the first of ours the Accept header takes. */
function negotiate(format: ScoreExportFormat | undefined, accepts: (types: string[]) => string | false): ScoreExportFormat {
  if (format) return format;
  const types = SCORE_EXPORT_FORMATS.map((f) => SCORE_EXPORT_CONTENT_TYPES[f]);
  const chosen = accepts(types);
  if (chosen === false) throw new ApiProblem('not-acceptable', `this endpoint answers ${types.join(' or ')} (Accept, or ?format=ndjson|csv)`);
  return SCORE_EXPORT_FORMATS[types.indexOf(chosen)]!;
}

export const scoreExportRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/runs/{id}/scores',
    operationId: 'exportRunScores',
    summary: "Every person's score in a run, streamed (NDJSON or CSV)",
    description:
      'Score, band, the five dimensions and the reason codes of every person the run (`published` for the served one) serves a score ' +
      'for, in seq order, streamed with constant memory: `application/x-ndjson` (one row object a line) or `text/csv` ' +
      `(header ${SCORE_EXPORT_CSV_COLUMNS.join(',')}; reason codes joined by ";"), chosen by Accept or \`format\`. A stream cut ` +
      'short resumes with `cursor` = the `seq` of the last row received. Each call is recorded as an export (who, when, `purpose`, ' +
      'how many rows; `Tiescore-Export-Id` header) and appears in the access log of every person it included as one entry naming it. ' +
      '409 when the run is not complete.',
    tag: 'runs',
    access: { batch: 'any', admin: 'any' },
    params: z.strictObject({ id: generatedId.meta({ description: 'Run id, or `published`', example: 'published' }) }),
    query: z.strictObject({
      purpose: z
        .string()
        .trim()
        .min(PURPOSE_LENGTH.min, `must say what the export is for (${PURPOSE_LENGTH.min}–${PURPOSE_LENGTH.max} characters)`)
        .max(PURPOSE_LENGTH.max, `must be at most ${PURPOSE_LENGTH.max} characters`).meta({ description: 'What the scores are for; recorded with the export and shown to the persons included' }),
      cursor: optionalInt(0, 'Resume after this seq (the last row received)'),
      limit: optionalInt(1, 'At most this many rows'),
      format: z.enum(SCORE_EXPORT_FORMATS).optional().meta({ description: 'Overrides Accept' }),
    }),
    problems: [404, 406, 409],
    responses: {
      200: {
        description: 'The rows, one NDJSON object a line (or CSV with a header row)',
        schema: exportRowSchema,
        contentType: SCORE_EXPORT_CONTENT_TYPES.ndjson,
        alternatives: [{ contentType: SCORE_EXPORT_CONTENT_TYPES.csv, schema: z.string() }],
        headers: {
          // Not required: a HEAD (answered by this operation) sends no rows and makes no export.
          'Tiescore-Export-Id': { description: 'The export this response is (as named in the access logs); GET only', required: false },
          'Tiescore-Run-Id': { description: 'The run the rows come from' },
        },
      },
    },
    example: { params: { id: 'published' }, query: { purpose: 'monthly portfolio review' } },
    handler: async (ctx): Promise<Reply> => {
      const { store } = ctx.deps;
      const format = negotiate(ctx.query.format, (types) => ctx.req.accepts(types));
      const run = ctx.params.id === 'published' ? await store.publishedRun() : await store.getRun(ctx.params.id);
      if (!run) throw notFound(ctx.params.id === 'published' ? 'no score run has been published yet' : `no run "${ctx.params.id}"`);
      if (run.status !== 'complete') throw new ApiProblem('conflict', `run ${run.id} is ${run.status}; only a complete run can be exported`);
      const contentType = `${SCORE_EXPORT_CONTENT_TYPES[format]}; charset=utf-8`;
      // Express answers HEAD with the GET handler; a HEAD sends no rows, so it makes no export.
      if (ctx.req.method === 'HEAD') return { contentType, headers: { 'Cache-Control': 'no-store', 'Tiescore-Run-Id': run.id } };
      const caller = callerOf(ctx);
      const { record, chunks } = await startScoreExport(store, {
        run,
        format,
        via: 'api',
        actor: caller.keyId,
        role: caller.role,
        purpose: ctx.query.purpose,
        cursor: ctx.query.cursor,
        limit: ctx.query.limit,
        now: ctx.deps.clock,
      });
      return {
        stream: Readable.from(chunks, { objectMode: false }),
        contentType,
        headers: { 'Cache-Control': 'no-store', 'Tiescore-Export-Id': record.id, 'Tiescore-Run-Id': run.id },
      };
    },
  }),
];
