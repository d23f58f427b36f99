/**
 * One person's ego network as graphology JSON for the analyst page (network-view.ts holds the
 * published run's graph): the strongest contacts and, at depth 2, contacts of contacts, with
 * published scores, bands, influence and, per drawn contact pair, what links them (friendship,
 * payment or both). The graph's attributes say how many contacts there are in all, so the page
 * can say "showing N of M". Every person shown is access-logged.
 */
import { z } from 'zod';
import { egoNetwork } from '../../graph/graphology.js';
import type { ApiDeps } from '../deps.js';
import { logAccessMany } from '../reads.js';
import { defineRoute } from '../route.js';
import { personParams, queryInt } from './schemas.js';
import { seqOrFail, viewOrFail } from './network-view-access.js';
import { roundTo } from '../../domain/display-numbers.js';

/** What links a contact pair in the records (the CSR keeps only the summed weight). */
export const EDGE_KINDS = ['friendship', 'payment', 'both'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** The kind of every linked pair among `seqs`, from the store's friendships and payments. */
export async function edgeKindsOf(deps: ApiDeps, seqs: readonly number[]): Promise<Map<string, EdgeKind>> {
  const [friendships, payments] = await Promise.all([deps.store.friendshipsTouchingSeqs(seqs), deps.store.transactionsTouchingSeqs(seqs)]);
  const kinds = new Map<string, EdgeKind>();
  for (const f of friendships) kinds.set(pairKey(f.a, f.b), 'friendship');
  for (const t of payments) {
    const key = pairKey(t.from, t.to);
    const seen = kinds.get(key);
    kinds.set(key, seen === 'friendship' || seen === 'both' ? 'both' : 'payment');
  }
  return kinds;
}

const egoNodeSchema = z.object({
  key: z.string(),
  attributes: z.looseObject({
    node: z.number().int().meta({ description: 'Row of the person in the run\'s snapshot' }),
    hops: z.number().int().meta({ description: '0: the person asked for; 1: a contact; 2: a contact of a contact' }),
    label: z.string(),
    score: z.number().int().nullable(),
    band: z.string().nullable(),
    influence: z.number().meta({ description: 'Points the population would lose under the shock "own score to 0" of this person (GET /v1/influence/top)' }),
  }),
});

const egoEdgeSchema = z.object({
  key: z.string(),
  source: z.string(),
  target: z.string(),
  attributes: z.looseObject({
    weight: z.number().meta({ description: 'Contact weight w of source towards target (after trust)' }),
    share: z.number().meta({ description: 'Share P of the target in the source\'s network value' }),
    kind: z.enum(EDGE_KINDS).nullable().meta({ description: 'What links the pair in the records today; null when the records no longer hold the link' }),
  }),
});

export const egoNetworkSchema = z.object({
  attributes: z.looseObject({
    ego: z.string(),
    runId: z.string(),
    depth: z.number().int(),
    contactsTotal: z.number().int().meta({ description: 'Contacts of the person in the whole graph (the drawing holds at most maxNodes persons)' }),
    secondHopTotal: z.number().int().optional().meta({ description: 'Depth 2: persons exactly two hops away in the whole graph' }),
  }),
  options: z.looseObject({ type: z.string() }),
  nodes: z.array(egoNodeSchema),
  edges: z.array(egoEdgeSchema),
});

export const egoNetworkRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/persons/{id}/network',
    operationId: 'egoNetwork',
    summary: "A person's ego network (graphology JSON)",
    description:
      'The person, their strongest contacts and (depth 2) contacts of contacts — at depth 2 at most half of `maxNodes` goes to contacts, so both ' +
      'rings show — with published scores, bands, influence and what links each pair (friendship, payment or both), for the analyst page. ' +
      '`contactsTotal` and `secondHopTotal` count the whole graph. Logged as a read of every person shown.',
    tag: 'network',
    access: { analyst: 'any' },
    params: personParams,
    query: z.strictObject({
      depth: z.enum(['1', '2'], { error: 'must be 1 or 2' }).default('1').transform(Number),
      maxNodes: queryInt(1, 500, 50),
    }),
    problems: [404],
    responses: { 200: { description: 'graphology serialized graph (`graph.export()`)', schema: egoNetworkSchema } },
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
      const seqs = keys.map((key) => graph.getNodeAttribute(key, 'node'));
      const [scores, kinds] = await Promise.all([deps.store.scoresAtSeqs(view.run, seqs), edgeKindsOf(deps, seqs)]);
      const scoreOf = new Map(scores.map((score) => [score.personId, score]));
      for (const key of keys) graph.mergeNodeAttributes(key, { label: key, score: scoreOf.get(key)?.score ?? null, band: scoreOf.get(key)?.band ?? null });
      graph.forEachEdge((edge, _attrs, source, target) =>
        graph.setEdgeAttribute(edge, 'kind', kinds.get(pairKey(graph.getNodeAttribute(source, 'node'), graph.getNodeAttribute(target, 'node'))) ?? null),
      );
      graph.mergeAttributes({ runId: view.run.id, ego: params.id });
      // Every person whose score the analyst sees gets an access-log entry.
      await logAccessMany(ctx, keys.filter((key) => scoreOf.has(key)), 'network');
      return { body: graph.export() as z.infer<typeof egoNetworkSchema> };
    },
  }),
];
