/**
 * The analysts' network questions, answered from the published run's network held in memory
 * (network-view.ts): contagion what-ifs, the most systemically important persons, communities
 * and one person's ego network as graphology JSON for the analyst page.
 */
import { z } from 'zod';
import { defaultShock } from '../../analysis/default-shock.js';
import { CommunitiesTooLargeError, COMMUNITIES_MAX_EDGES, egoNetwork } from '../../graph/graphology.js';
import { pushContagion, topK, type Shock } from '../../graph/index.js';
import { externalId } from '../../import/row-schemas.js';
import { bandOf, SCORE_MAX, SCORE_MIN, BANDS } from '../../score/index.js';
import { roundTo } from '../../domain/display-numbers.js';
import type { PersonScore } from '../../domain/scores.js';
import type { ApiDeps } from '../deps.js';
import type { NetworkView } from '../network-view.js';
import { notFound, unprocessable } from '../problem.js';
import { logAccessMany } from '../reads.js';
import { defineRoute } from '../route.js';
import { personParams, queryInt } from './schemas.js';

/** Persons in one contagion request's shock list. */
export const MAX_SHOCKS = 100;
/** Push budget of one what-if (keeps one request from holding the CPU on a huge reach). */
const MAX_PUSHES = 2_000_000;

const bandOrNull = (score: number) => (Number.isNaN(score) ? null : bandOf(score).id);

async function viewOrFail(deps: ApiDeps): Promise<NetworkView> {
  const view = await deps.networkViews.current();
  if (!view) throw notFound('no score run has been published yet');
  return view;
}

async function seqOrFail(view: NetworkView, personId: string): Promise<number> {
  const seq = await view.seqOf(personId);
  if (seq === undefined) throw notFound(`no person "${personId}" in the published run's network`);
  return seq;
}

/** Published scores of snapshot rows, in the order of `seqs` (one store read for all of them). */
async function scoresOfSeqs(deps: ApiDeps, view: NetworkView, seqs: readonly number[]): Promise<(PersonScore | undefined)[]> {
  const byId = new Map((await deps.store.scoresAtSeqs(view.run, seqs)).map((score) => [score.personId, score]));
  return seqs.map((seq) => byId.get(view.idOf(seq)!));
}

const contagionBody = z.strictObject({
  shocks: z
    .array(
      z.strictObject({
        personId: externalId,
        ownScore: z
          .union([z.literal('default'), z.number().min(0, 'must be at least 0').max(1, 'must be at most 1')], {
            error: 'must be "default" or a number in [0, 1]',
          })
          .meta({ description: '"default": a default added to the record today; a number: the new own score b in [0, 1]' }),
      }),
    )
    .min(1, 'needs at least one shock')
    .max(MAX_SHOCKS, `at most ${MAX_SHOCKS} shocks`)
    .refine((shocks) => new Set(shocks.map((s) => s.personId)).size === shocks.length, 'each person may be shocked once'),
  threshold: z.number().min(0.01).max(100).default(0.1).meta({ description: 'Report persons moving by at least this many points' }),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
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
          shocks: z.array(z.object({ personId: z.string(), ownScoreBefore: z.number(), ownScoreAfter: z.number(), deltaPoints: z.number() })),
          total: z.number().int(),
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
      });
      const page = result.affected.slice(body.offset, body.offset + body.limit);
      const scores = await scoresOfSeqs(deps, view, page.map((a) => a.node));
      // Each shocked person's own score leaves in `shocks`, whatever page of `affected` is asked for.
      const shown = [...body.shocks.map((shock) => shock.personId), ...page.filter((_a, k) => scores[k] !== undefined).map((a) => view.idOf(a.node)!)];
      await logAccessMany(ctx, shown, 'network');
      return {
        body: {
          runId: view.run.id,
          shocks: described,
          total: result.affected.length,
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
              projectedScore: score === null ? null : Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(score + a.deltaPoints))),
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
    description: 'Influence centrality: the total score points the population would lose if the person defaulted (own score to 0).',
    tag: 'network',
    access: { analyst: 'any' },
    query: z.strictObject({ limit: queryInt(1, 100, 10) }),
    problems: [404],
    responses: {
      200: {
        description: 'Largest first',
        schema: z.object({
          runId: z.string(),
          persons: z.array(
            z.object({ rank: z.number().int(), personId: z.string(), pointsIfDefault: z.number(), networkPoints: z.number(), score: z.number().int().nullable(), band: z.string().nullable() }),
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
          persons: top.map((seq, k) => ({
            rank: k + 1,
            personId: view.idOf(seq)!,
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
      let result;
      try {
        result = await view.communities();
      } catch (error) {
        if (error instanceof CommunitiesTooLargeError) throw unprocessable(error.message);
        throw error;
      }
      const scores = await view.scores();
      const mixes = result.communities.map(() => Object.fromEntries(BANDS.map((band) => [band.id, 0])) as Record<string, number>);
      for (let seq = 0; seq < result.community.length; seq++) {
        const band = bandOrNull(scores[seq]!);
        if (band) mixes[result.community[seq]!]![band]!++;
      }
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
  defineRoute({
    method: 'get',
    path: '/v1/persons/{id}/network',
    operationId: 'egoNetwork',
    summary: "A person's ego network (graphology JSON)",
    description:
      'The person, their strongest contacts and (depth 2) contacts of contacts, with published scores, bands and influence (points their default ' +
      'would move in total), for the analyst page. Logged as a read.',
    tag: 'network',
    access: { analyst: 'any' },
    params: personParams,
    query: z.strictObject({
      depth: z.enum(['1', '2'], { error: 'must be 1 or 2' }).default('1').transform(Number),
      maxNodes: queryInt(1, 500, 50),
    }),
    problems: [404],
    responses: {
      200: {
        description: 'graphology serialized graph (`graph.export()`)',
        schema: z.looseObject({
          attributes: z.record(z.string(), z.unknown()),
          options: z.looseObject({ type: z.string() }),
          nodes: z.array(z.object({ key: z.string(), attributes: z.record(z.string(), z.unknown()) })),
          edges: z.array(z.looseObject({ key: z.string().optional(), source: z.string(), target: z.string(), attributes: z.record(z.string(), z.unknown()).optional() })),
        }),
      },
    },
    handler: async (ctx) => {
      const { params, query, deps } = ctx;
      const view = await viewOrFail(deps);
      const seq = await seqOrFail(view, params.id);
      const influence = view.influence();
      const graph = egoNetwork(view.snapshot.csr, seq, {
        depth: query.depth as 1 | 2,
        maxNodes: query.maxNodes,
        nodeKey: (node) => view.idOf(node) ?? `#${node}`,
        // The page sizes nodes by systemic importance (points the person's default would move).
        nodeAttributes: (node) => ({ influence: roundTo(influence.points[node]!, 2) }),
        transition: view.network.transition,
      });
      const keys = graph.nodes();
      const scores = await Promise.all(keys.map((key) => deps.store.scoreIn(view.run, key)));
      keys.forEach((key, k) => graph.mergeNodeAttributes(key, { label: key, score: scores[k]?.score ?? null, band: scores[k]?.band ?? null }));
      graph.setAttribute('runId', view.run.id);
      graph.setAttribute('ego', params.id);
      // Every person whose score the analyst sees gets an access-log entry.
      await logAccessMany(ctx, keys.filter((_key, k) => scores[k] !== undefined), 'network');
      return { body: graph.export() };
    },
  }),
];

