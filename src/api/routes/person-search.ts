/**
 * Finding people (analysts): the persons the published run serves a score for, by id prefix,
 * band, score range, community and verification, in id order, a page at a time behind an opaque
 * cursor. Each call reads at most SEARCH_SCAN candidates (Store.findPersons), so a selective
 * filter may answer a short page, even an empty one, with a cursor to go on. Every person listed
 * is logged as a `search` read of their score.
 */
import { z } from 'zod';
import type { ScoreRun } from '../../domain/scores.js';
import { externalId } from '../../import/row-schemas.js';
import { BANDS, SCORE_MAX, SCORE_MIN } from '../../score/index.js';
import { communitiesOf, communitySeqs, viewOrFail } from './network-view-access.js';
import { notFound } from '../problem.js';
import { logAccessMany } from '../reads.js';
import { defineRoute } from '../route.js';
import { bandId, queryInt } from './schemas.js';

/** Candidates one search call reads at most, whatever its filters. */
export const SEARCH_SCAN = 2_000;
const BAND_IDS = BANDS.map((band) => band.id);
const CURSOR_HINT = 'must be the nextCursor of a previous answer';

/** The cursor: the last id a page covered, opaque to clients (base64url JSON). */
export const encodeCursor = (after: string): string => Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');

function decodeCursor(text: string): string | undefined {
  try {
    const parsed = z.object({ after: externalId }).safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data.after : undefined;
  } catch {
    return undefined;
  }
}

const searchQuery = z
  .strictObject({
    idPrefix: externalId.optional().meta({ description: 'Only persons whose id starts with this' }),
    band: z
      .string()
      .regex(new RegExp(`^(${BAND_IDS.join('|')})(,(${BAND_IDS.join('|')}))*$`), `must be band ids separated by commas: ${BAND_IDS.join(', ')}`)
      .transform((text) => [...new Set(text.split(','))])
      .optional()
      .meta({ description: 'Only these bands, comma-separated', example: 'poor,fair' }),
    minScore: queryInt(SCORE_MIN, SCORE_MAX, SCORE_MIN).meta({ description: 'Served score at least this' }),
    maxScore: queryInt(SCORE_MIN, SCORE_MAX, SCORE_MAX).meta({ description: 'Served score at most this' }),
    community: z
      .preprocess((value) => (typeof value === 'string' ? Number(value) : value), z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be at least 0').max(100_000_000, 'must be at most 100000000'))
      .optional()
      .meta({ description: 'Only members of this community (an id of GET /v1/communities)' }),
    verified: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((value) => value === 'true')
      .optional()
      .meta({ description: 'true: verified persons only; false: persons not known to be verified' }),
    limit: queryInt(1, 200, 50),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,800}$/, CURSOR_HINT)
      .transform((text, ctx) => {
        const after = decodeCursor(text);
        if (after === undefined) ctx.addIssue({ code: 'custom', message: CURSOR_HINT });
        return after ?? '';
      })
      .optional()
      .meta({ description: 'The `nextCursor` of the previous page' }),
  })
  .refine((query) => query.minScore <= query.maxScore, { message: 'must not be below minScore', path: ['maxScore'] });

const searchAnswer = z
  .object({
    runId: z.string(),
    persons: z.array(z.object({ personId: z.string(), score: z.number().int(), band: bandId, verified: z.boolean().nullable().meta({ description: 'null: not known' }) })),
    scanned: z.number().int().meta({ description: `Candidates this call read (at most ${SEARCH_SCAN})` }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null when the search is finished' }),
    community: z.object({ id: z.number().int(), size: z.number().int() }).optional().meta({ description: 'With `community`: its id and number of members' }),
  })
  .meta({ id: 'PersonSearch' });

export const personSearchRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/persons',
    operationId: 'findPersons',
    summary: 'Find persons by id prefix, band, score range, community and verification',
    description:
      'The persons the published run serves a score for that pass every filter, in id order. A call reads at most ' +
      `${SEARCH_SCAN.toLocaleString('en')} candidates, so a selective filter may answer fewer than \`limit\` persons (even none) ` +
      'with a `nextCursor` to continue; `nextCursor` is null when the search is finished. Each person listed is logged as a read (`search`).',
    tag: 'network',
    access: { analyst: 'any' },
    query: searchQuery,
    problems: [404, 422],
    responses: { 200: { description: 'A page of matching persons', schema: searchAnswer } },
    example: { query: { idPrefix: 'p0', band: 'poor,fair' } },
    handler: async (ctx) => {
      const { query, deps } = ctx;
      const idPrefix = query.idPrefix ?? '';
      const after = query.cursor ?? '';
      let run: ScoreRun;
      let among: string[] | undefined;
      let moreMembers = false;
      let community: { id: number; size: number } | undefined;
      if (query.community !== undefined) {
        const view = await viewOrFail(deps);
        const seqs = communitySeqs(await communitiesOf(view), query.community);
        const ids = seqs.flatMap((seq) => {
          const id = view.idOf(seq);
          return id !== undefined && id.startsWith(idPrefix) && id > after ? [id] : [];
        });
        ids.sort(); // code-unit order, as the id index reads
        among = ids.slice(0, SEARCH_SCAN);
        moreMembers = ids.length > SEARCH_SCAN;
        run = view.run;
        community = { id: query.community, size: seqs.length };
      } else {
        const published = await deps.store.publishedRun();
        if (!published) throw notFound('no score run has been published yet');
        run = published;
      }
      const search = { idPrefix, after, among, bands: query.band, minScore: query.minScore, maxScore: query.maxScore, verified: query.verified, limit: query.limit, scan: SEARCH_SCAN };
      const page = await deps.store.findPersons(run, search);
      let resumeAfter = page.resumeAfter;
      // Among a community's members the store sees one slice: whether more follow is known here.
      if (among && resumeAfter === among.at(-1) && !moreMembers) resumeAfter = undefined;
      else if (among && resumeAfter === undefined && moreMembers) resumeAfter = among.at(-1);
      await logAccessMany(ctx, page.matches.map((match) => match.personId), 'search');
      return {
        body: {
          runId: run.id,
          persons: page.matches.map((match) => ({ personId: match.personId, score: match.score, band: match.band, verified: match.verified ?? null })),
          scanned: page.scanned,
          nextCursor: resumeAfter === undefined ? null : encodeCursor(resumeAfter),
          ...(community ? { community } : {}),
        },
      };
    },
  }),
];
