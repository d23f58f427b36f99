/**
 * The analysts' network questions, answered from the published run's network held in memory
 * (network-view.ts): contagion what-ifs, the most systemically important persons and
 * communities (a person's ego network: ego-network.ts).
 */
import { z } from 'zod';
import { defaultShock } from '../../analysis/default-shock.js';
import { SHOCK_NAMES, SHOCKS, shockNameOf } from '../../domain/shocks.js';
import { projectedScore, summariseWhatIf } from '../../analysis/what-if-summary.js';
import { COMMUNITIES_MAX_EDGES } from '../../graph/graphology.js';
import { pushContagion, topK, type Shock } from '../../graph/index.js';
import { roundTo } from '../../domain/display-numbers.js';
import { externalId } from '../../import/row-schemas.js';
import { notFound } from '../problem.js';
import { logAccessMany } from '../reads.js';
import { defineRoute } from '../route.js';
import { queryInt } from './schemas.js';
import { bandMixes, communitiesOf, scoresOfSeqs, seqOrFail, viewOrFail } from './network-view-access.js';

/** Persons in one contagion request's shock list. */
export const MAX_SHOCKS = 100;
/** Push budget of one what-if (keeps one request from holding the CPU on a huge reach). */
const MAX_PUSHES = 2_000_000;


const contagionBody = z.strictObject({
  shocks: z
    .array(
      z.strictObject({
        personId: externalId,
        ownScore: z
          .union([z.literal('default'), z.number().min(0, 'must be at least 0').max(1, 'must be at most 1')], {
            error: 'must be "default" or a number in [0, 1]',
          })
          .meta({
            description: `The shock: "default" is the shock \`default-event\` (${SHOCKS['default-event'].description}); a number b is \`own-score-to\` (${SHOCKS['own-score-to'].description}), and 0 is \`own-score-to-0\`, the shock of the influence ranking`,
          }),
      }),
    )
    .min(1, 'needs at least one shock')
    .max(MAX_SHOCKS, `at most ${MAX_SHOCKS} shocks`)
    .refine((shocks) => new Set(shocks.map((s) => s.personId)).size === shocks.length, 'each person may be shocked once'),
  threshold: z.number().min(0.01).max(100).default(0.1).meta({ description: 'Report persons moving by at least this many points' }),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

const shockName = z.enum(SHOCK_NAMES).meta({ description: 'The named shock (`default-event`, `own-score-to`, `own-score-to-0`): the same names on the page, in the demo and in the README' });

const hopTotalsSchema = z.object({
  hops: z.number().int(),
  persons: z.number().int(),
  points: z.number().meta({ description: 'Σ delta points of the affected persons at this distance, to 0.1' }),
  movedAtLeastOnePoint: z.number().int(),
  bandChanges: z.number().int(),
});

const summarySchema = z.object({
  totalPoints: z.number().meta({ description: 'Σ delta points over the whole population, threshold or not, to 0.1; for `own-score-to-0` of one person it equals that person\'s `pointsIfOwnScoreZero` in the influence ranking, negated' }),
  affectedPoints: z.number().meta({ description: 'Σ delta points over the affected persons (|move| ≥ threshold), to 0.1' }),
  movedAtLeastOnePoint: z.number().int(),
  bandChanges: z.number().int().meta({ description: 'Affected persons whose projected score is in another band than their published score' }),
  byHop: z.array(hopTotalsSchema),
});

const affectedSchema = z.object({
  personId: z.string(),
  deltaPoints: z.number(),
  deltaOwn: z.number(),
  deltaNetwork: z.number(),
  hops: z.number().int(),
  score: z.number().int().nullable(),
  projectedScore: z.number().int().nullable(),
});

export const networkRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/contagion/simulate',
    operationId: 'simulateContagion',
    summary: 'What if these persons default (or their own score changes)?',
    description:
      'Pushes the own-score shocks through the contact graph of the published run (prior held fixed) and returns everyone whose ' +
      'score moves by at least `threshold` points, largest move first, with hops from the nearest shocked person. Paged by offset/limit.',
    tag: 'network',
    access: { analyst: 'any' },
    body: contagionBody,
    problems: [404],
    responses: {
      200: {
        description: 'Who moves, and by how much',
        schema: z.object({
          runId: z.string(),
          shocks: z.array(z.object({ personId: z.string(), shock: shockName, ownScoreBefore: z.number(), ownScoreAfter: z.number(), deltaPoints: z.number() })),
          total: z.number().int(),
          summary: summarySchema,
          offset: z.number().int(),
          limit: z.number().int(),
          complete: z.boolean(),
          errorBoundPoints: z.number(),
          pushes: z.number().int(),
          affected: z.array(affectedSchema),
        }),
      },
    },
    example: { body: { shocks: [{ personId: 'p000042', ownScore: 'default' }] } },
    handler: async (ctx) => {
      const { body, deps } = ctx;
      const view = await viewOrFail(deps);
      const { store, model } = deps;
      const shocks: Shock[] = [];
      const described = [];
      for (const shock of body.shocks) {
        const seq = await seqOrFail(view, shock.personId);
        const before = view.snapshot.own[seq]!;
        let deltaB: number;
        if (shock.ownScore === 'default') {
          const [person, events] = await Promise.all([store.getPerson(shock.personId), store.eventsOf(shock.personId)]);
          // Erased since the view found the row: their record is gone, and so are they.
          if (!person) throw notFound(`no person "${shock.personId}"`);
          deltaB = defaultShock({ person, events, asOf: view.run.asOf, model });
        } else {
          deltaB = shock.ownScore - before;
        }
        shocks.push({ node: seq, deltaB });
        described.push({
          personId: shock.personId,
          shock: shockNameOf(shock.ownScore),
          ownScoreBefore: roundTo(before, 6),
          ownScoreAfter: roundTo(before + deltaB, 6),
          deltaPoints: roundTo(view.weights.scale * view.weights.own * deltaB, 4),
        });
      }
      const result = pushContagion(view.snapshot.csr, view.network, shocks, {
        workspace: view.workspace,
        weights: view.weights,
        threshold: body.threshold,
        maxPushes: MAX_PUSHES,
        // Counts what the push leaves below its tolerance, so the total equals the influence ranking's.
        residualWeights: view.influence().totalNetworkEffect,
      });
      const page = result.affected.slice(body.offset, body.offset + body.limit);
      // The totals cover every affected person (not this page): aggregates, so no access-log entry of their own.
      const allScores = await view.scores();
      const totals = summariseWhatIf(result.affected.map((a) => ({ deltaPoints: a.deltaPoints, hops: a.hops, score: allScores[a.node]! })));
      const scores = await scoresOfSeqs(deps, view, page.map((a) => a.node));
      // Each shocked person's own score leaves in `shocks`, whatever page of `affected` is asked for.
      const shown = [...body.shocks.map((shock) => shock.personId), ...page.filter((_a, k) => scores[k] !== undefined).map((a) => view.idOf(a.node)!)];
      await logAccessMany(ctx, shown, 'network');
      return {
        body: {
          runId: view.run.id,
          shocks: described,
          total: result.affected.length,
          summary: {
            totalPoints: roundTo(result.totalPoints, 1),
            affectedPoints: roundTo(totals.affectedPoints, 1),
            movedAtLeastOnePoint: totals.movedAtLeastOnePoint,
            bandChanges: totals.bandChanges,
            byHop: totals.byHop.map((row) => ({ ...row, points: roundTo(row.points, 1) })),
          },
          offset: body.offset,
          limit: body.limit,
          complete: result.complete,
          errorBoundPoints: roundTo(result.errorBoundPoints, 6),
          pushes: result.pushes,
          affected: page.map((a, k) => {
            const score = scores[k]?.score ?? null;
            return {
              personId: view.idOf(a.node)!,
              deltaPoints: roundTo(a.deltaPoints, 4),
              deltaOwn: roundTo(a.deltaOwn, 6),
              deltaNetwork: roundTo(a.deltaNetwork, 8),
              hops: a.hops,
              score,
              projectedScore: score === null ? null : projectedScore(score, a.deltaPoints),
            };
          }),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/influence/top',
    operationId: 'topInfluence',
    summary: 'The most systemically important persons',
    description:
      `Influence centrality under the shock \`own-score-to-0\` (${SHOCKS['own-score-to-0'].description}): the total score points the population would lose, ` +
      'for every person at once. A what-if (POST /v1/contagion/simulate) with `ownScore: 0` for the same person gives the same total (`summary.totalPoints`, negated); ' +
      'with `ownScore: "default"` (the shock `default-event`) it gives a smaller one.',
    tag: 'network',
    access: { analyst: 'any' },
    query: z.strictObject({ limit: queryInt(1, 100, 10) }),
    problems: [404],
    responses: {
      200: {
        description: 'Largest first',
        schema: z.object({
          runId: z.string(),
          shock: shockName,
          persons: z.array(
            z.object({
              rank: z.number().int(),
              personId: z.string(),
              pointsIfOwnScoreZero: z.number().meta({ description: 'Points the population loses under `own-score-to-0` of this person, to 0.01' }),
              pointsIfDefault: z.number().meta({ description: 'Deprecated name of `pointsIfOwnScoreZero` (the same number; the shock is `own-score-to-0`, not `default-event`)', deprecated: true }),
              networkPoints: z.number().meta({ description: 'The part of `pointsIfOwnScoreZero` lost by other persons\' (and the person\'s own) network dimension' }),
              score: z.number().int().nullable(),
              band: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async (ctx) => {
      const { query, deps } = ctx;
      const view = await viewOrFail(deps);
      const influence = view.influence();
      const top = [...topK(influence.points, query.limit)];
      const scores = await scoresOfSeqs(deps, view, top);
      await logAccessMany(ctx, top.filter((_seq, k) => scores[k] !== undefined).map((seq) => view.idOf(seq)!), 'network');
      return {
        body: {
          runId: view.run.id,
          shock: 'own-score-to-0' as const,
          persons: top.map((seq, k) => ({
            rank: k + 1,
            personId: view.idOf(seq)!,
            pointsIfOwnScoreZero: roundTo(influence.points[seq]!, 2),
            pointsIfDefault: roundTo(influence.points[seq]!, 2),
            networkPoints: roundTo(influence.networkPoints[seq]!, 2),
            score: scores[k]?.score ?? null,
            band: scores[k]?.band ?? null,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities',
    operationId: 'communities',
    summary: 'Communities of the contact graph and where the risk sits',
    description: `Louvain communities (seeded, so stable for a run), largest first, with mean published score and band mix. Refused (422) above ${COMMUNITIES_MAX_EDGES.toLocaleString('en')} contact pairs.`,
    tag: 'network',
    access: { analyst: 'any' },
    query: z.strictObject({
      limit: queryInt(1, 500, 20),
      sort: z.enum(['size', 'risk']).default('size').meta({ description: '`risk`: lowest mean score first' }),
    }),
    problems: [404, 422],
    responses: {
      200: {
        description: 'Communities',
        schema: z.object({
          runId: z.string(),
          count: z.number().int(),
          modularity: z.number(),
          communities: z.array(
            z.object({ id: z.number().int(), size: z.number().int(), meanScore: z.number().nullable(), bandMix: z.record(z.string(), z.number().int()) }),
          ),
        }),
      },
    },
    handler: async ({ query, deps }) => {
      const view = await viewOrFail(deps);
      const result = await communitiesOf(view);
      const scores = await view.scores();
      const mixes = bandMixes(result, scores);
      const ordered = [...result.communities].sort((a, b) =>
        query.sort === 'risk' ? (a.meanScore || Infinity) - (b.meanScore || Infinity) || a.id - b.id : b.size - a.size || a.id - b.id,
      );
      return {
        body: {
          runId: view.run.id,
          count: result.count,
          modularity: roundTo(result.modularity, 6),
          communities: ordered.slice(0, query.limit).map((c) => ({
            id: c.id,
            size: c.size,
            meanScore: Number.isNaN(c.meanScore) ? null : roundTo(c.meanScore, 2),
            bandMix: mixes[c.id]!,
          })),
        },
      };
    },
  }),
];

