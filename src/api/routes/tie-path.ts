/**
 * The strongest-tie path between two persons in the published run's network (src/graph/
 * strongest-path.ts): the chain of contacts along which a shock to `from` reaches `to` most
 * strongly. Every person on the path whose score the answer shows is access-logged.
 */
import { z } from 'zod';
import { strongestPath } from '../../graph/index.js';
import { externalId } from '../../import/row-schemas.js';
import { logAccessMany } from '../reads.js';
import { defineRoute } from '../route.js';
import { scoresOfSeqs, seqOrFail, viewOrFail } from './network-view-access.js';
import { roundTo } from '../../domain/display-numbers.js';

const personId = (what: string) => externalId.meta({ description: `Person id of ${what}`, example: 'p000042' });

export const tiePathRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/paths/strongest',
    operationId: 'strongestTiePath',
    summary: 'The strongest-tie path between two persons',
    description:
      'The path of contacts along which a shock to `from` reaches `to` most strongly: it maximises the product of the shares P ' +
      '(each person\'s share in the next one\'s network value) over its steps; ties go to fewer hops. `found: false` when no chain ' +
      'of contacts links them. Logged as a read of every person on the path.',
    tag: 'network',
    access: { analyst: 'any' },
    query: z.strictObject({ from: personId('the start (the person shocked)'), to: personId('the end (the person reached)') }),
    problems: [404],
    responses: {
      200: {
        description: 'The path, from `from` to `to`',
        schema: z.object({
          runId: z.string(),
          from: z.string(),
          to: z.string(),
          found: z.boolean(),
          hops: z.number().int().nullable(),
          strength: z.number().meta({ description: 'Π of the shares along the path (0 when not found), to 6 significant digits' }),
          steps: z.array(
            z.object({
              personId: z.string(),
              score: z.number().int().nullable(),
              band: z.string().nullable(),
              shareOfPrevious: z.number().nullable().meta({ description: 'The previous person\'s share in this person\'s network value (null for `from`), to 4 places' }),
            }),
          ),
        }),
      },
    },
    handler: async (ctx) => {
      const { query, deps } = ctx;
      const view = await viewOrFail(deps);
      const [from, to] = [await seqOrFail(view, query.from), await seqOrFail(view, query.to)];
      const path = strongestPath(view.snapshot.csr, view.network.transition, from, to);
      const scores = await scoresOfSeqs(deps, view, path.nodes);
      await logAccessMany(ctx, path.nodes.filter((_seq, k) => scores[k] !== undefined).map((seq) => view.idOf(seq)!), 'network');
      return {
        body: {
          runId: view.run.id,
          from: query.from,
          to: query.to,
          found: path.nodes.length > 0,
          hops: path.nodes.length > 0 ? path.nodes.length - 1 : null,
          strength: Number(path.strength.toPrecision(6)),
          steps: path.nodes.map((seq, k) => ({
            personId: view.idOf(seq)!,
            score: scores[k]?.score ?? null,
            band: scores[k]?.band ?? null,
            shareOfPrevious: k === 0 ? null : roundTo(path.shares[k - 1]!, 4),
          })),
        },
      };
    },
  }),
];
