/**
 * One community of the published run (analysts): its size, mean published score and band mix,
 * and its most systemically important members — the influence ranking of GET /v1/influence/top
 * (the same influence centrality and order: points the population loses under the shock `own-score-to-0` of each, ties by seq),
 * restricted to the members. The members themselves are listed, filtered and paged by
 * GET /v1/persons?community=ID.
 */
import { z } from 'zod';
import { topK } from '../../graph/index.js';
import { bandMixes, communitiesOf, communitySeqs, viewOrFail } from './network-view-access.js';
import { roundTo } from '../../domain/display-numbers.js';
import { logAccessMany } from '../reads.js';
import { defineRoute } from '../route.js';
import { queryInt } from './schemas.js';

const communityParams = z.strictObject({
  communityId: z
    .preprocess((value) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value), z.number({ error: 'must be a whole number' }).int().min(0))
    .meta({ description: 'A community id of GET /v1/communities', example: 0 }),
});

const influentialSchema = z.object({
  rank: z.number().int().meta({ description: 'Rank among the members' }),
  personId: z.string(),
  pointsIfOwnScoreZero: z.number().meta({ description: 'Points the population loses under `own-score-to-0` of this person, to 0.01 (as GET /v1/influence/top)' }),
  networkPoints: z.number(),
  score: z.number().int().nullable(),
  band: z.string().nullable(),
});

export const communityRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/communities/{communityId}',
    operationId: 'community',
    summary: 'One community: its band mix and most systemically important members',
    description:
      'Size, mean published score and band mix of one Louvain community of the published run, and its members ranked by influence ' +
      '(the ranking of GET /v1/influence/top, restricted to the members). List the members with GET /v1/persons?community=ID. ' +
      'Each ranked member is logged as a read.',
    tag: 'network',
    access: { analyst: 'any' },
    params: communityParams,
    query: z.strictObject({ top: queryInt(1, 100, 10) }),
    problems: [404, 422],
    responses: {
      200: {
        description: 'The community',
        schema: z
          .object({
            runId: z.string(),
            id: z.number().int(),
            size: z.number().int(),
            communities: z.number().int().meta({ description: 'Communities in the run' }),
            meanScore: z.number().nullable(),
            bandMix: z.record(z.string(), z.number().int()),
            influential: z.array(influentialSchema),
          })
          .meta({ id: 'Community' }),
      },
    },
    handler: async (ctx) => {
      const { params, query, deps } = ctx;
      const view = await viewOrFail(deps);
      const result = await communitiesOf(view);
      const seqs = communitySeqs(result, params.communityId);
      const scores = await view.scores();
      const bandMix = bandMixes(result, scores)[params.communityId]!;
      const influence = view.influence();
      // topK over the members' points, in seq order: the global ranking's order, ties included.
      const ranked = [...topK(Float64Array.from(seqs, (seq) => influence.points[seq]!), query.top)].map((k) => seqs[k]!);
      const served = new Map((await deps.store.scoresAtSeqs(view.run, ranked)).map((score) => [score.seq, score]));
      await logAccessMany(ctx, ranked.filter((seq) => served.has(seq)).map((seq) => view.idOf(seq)!), 'network');
      const mean = result.communities[params.communityId]!.meanScore;
      return {
        body: {
          runId: view.run.id,
          id: params.communityId,
          size: seqs.length,
          communities: result.count,
          meanScore: Number.isNaN(mean) ? null : roundTo(mean, 2),
          bandMix,
          influential: ranked.map((seq, k) => ({
            rank: k + 1,
            personId: view.idOf(seq)!,
            pointsIfOwnScoreZero: roundTo(influence.points[seq]!, 2),
            networkPoints: roundTo(influence.networkPoints[seq]!, 2),
            score: served.get(seq)?.score ?? null,
            band: served.get(seq)?.band ?? null,
          })),
        },
      };
    },
  }),
];
