/**
 * Communities of the contact graph (Louvain) and where the risk sits: per community its size,
 * mean score and outcome rate.
 *
 * Math: Louvain maximises the modularity of the undirected graph whose edge weight is
 * a_ij = w_ij + w_ji (both directions of a contact pair merged):
 *
 *     Q = (1/2m) Σ_ij [a_ij − γ·k_i·k_j / 2m]·δ(c_i, c_j),   k_i = Σ_j a_ij, 2m = Σ_i k_i
 *
 * by greedy local moves and community aggregation, via graphology-communities-louvain with a
 * seeded PRNG (mulberry32), so a fixed seed gives the same partition on every run.
 *
 * Limit: a graphology graph keeps its edges in a JavaScript Map, and V8 Maps stop near 2^24
 * (≈ 16.7M) entries; a graphology graph also costs a few hundred bytes per edge. This module
 * refuses graphs above COMMUNITIES_MAX_EDGES = 8,000,000 undirected edges (half the Map cap;
 * ~2–3 GB of heap) — run it on a region of the graph (e.g. an ego network) instead.
 *
 * Reference: V. D. Blondel, J.-L. Guillaume, R. Lambiotte, E. Lefebvre, "Fast unfolding of
 * communities in large networks", J. Stat. Mech. (2008) P10008; mulberry32 by T. Ettinger
 * (public domain).
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { mulberry32 } from '../prng.js';
import type { Csr } from './csr.js';

// graphology-communities-louvain is CommonJS (`module.exports = louvain`) with an ESM-style
// d.ts, so under NodeNext its default import is typed as the module object.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** Largest number of undirected edges this module hands to graphology (see the banner). */
export const COMMUNITIES_MAX_EDGES = 8_000_000;

const DEFAULTS = {
  seed: 1,
  /** Modularity resolution γ. */
  resolution: 1,
  maxEdges: COMMUNITIES_MAX_EDGES,
};

export interface CommunityOptions {
  /** PRNG seed (default 1): same seed and graph → same partition. */
  seed?: number;
  /** Modularity resolution γ (default 1; larger → smaller communities). */
  resolution?: number;
  /** Per-person score (any scale, e.g. final score); enables meanScore. */
  scores?: ArrayLike<number>;
  /** Per-person outcome: 1 = bad outcome (e.g. defaulted), 0 = good, NaN = unknown. */
  outcomes?: ArrayLike<number>;
  /** Refuse graphs above this many undirected edges (default COMMUNITIES_MAX_EDGES). */
  maxEdges?: number;
}

export interface CommunitySummary {
  id: number;
  size: number;
  /** Mean of `scores` over members (NaN without scores). */
  meanScore: number;
  /** Members with a known outcome. */
  outcomeKnown: number;
  /** Share of members with a known outcome that had the bad outcome (NaN when none known). */
  outcomeRate: number;
}

export interface CommunityResult {
  /** Community id per person (0..count−1). */
  community: Int32Array;
  count: number;
  modularity: number;
  /** One summary per community, by id. */
  communities: CommunitySummary[];
}

/** The graph is too large for graphology (its edge Map stops near 2^24 entries): a request to narrow, not a fault. */
export class CommunitiesTooLargeError extends Error {
  constructor(edges: number, maxEdges: number) {
    super(
      `communities: graph has ${edges} edges, above graphology's limit of ${maxEdges} ` +
        '(its edge Map stops near 2^24 entries); run Louvain on a region of the graph instead',
    );
    this.name = 'CommunitiesTooLargeError';
  }
}

/**
 * Louvain communities of the whole contact graph, with per-community risk summaries.
 *
 * @throws CommunitiesTooLargeError when the graph has more than `maxEdges` undirected edges.
 * @example
 * const { communities } = detectCommunities(csr, { seed: 7, scores: finalScores, outcomes: pop.defaulted });
 * communities[0]; // { id: 0, size: 412, meanScore: 631.5, outcomeKnown: 412, outcomeRate: 0.07 }
 */
export function detectCommunities(csr: Csr, opts: CommunityOptions = {}): CommunityResult {
  const n = csr.nodeCount;
  const seed = opts.seed ?? DEFAULTS.seed;
  const resolution = opts.resolution ?? DEFAULTS.resolution;
  const maxEdges = opts.maxEdges ?? DEFAULTS.maxEdges;
  if (opts.scores && opts.scores.length !== n) throw new Error(`communities: scores have ${opts.scores.length} entries for ${n} persons`);
  if (opts.outcomes && opts.outcomes.length !== n) {
    throw new Error(`communities: outcomes have ${opts.outcomes.length} entries for ${n} persons`);
  }
  // Each undirected pair appears in both rows of a CSR built from links, so entries/2 counts it.
  const estimate = Math.ceil(csr.targets.length / 2);
  const tooMany = (edges: number) => new CommunitiesTooLargeError(edges, maxEdges);
  if (estimate > maxEdges) throw tooMany(estimate);

  const graph = new UndirectedGraph<Record<string, never>, { weight: number }>();
  for (let i = 0; i < n; i++) graph.addNode(i);
  const { offsets, targets, weights } = csr;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1]!;
    for (let e = offsets[i]!; e < end; e++) {
      const j = targets[e]!;
      const w = weights[e]!;
      if (graph.hasEdge(i, j)) {
        graph.updateEdgeAttribute(i, j, 'weight', (old) => (old ?? 0) + w);
      } else {
        graph.addEdge(i, j, { weight: w });
        if (graph.size > maxEdges) throw tooMany(graph.size);
      }
    }
  }

  const detailed = louvain.detailed(graph, { getEdgeWeight: 'weight', resolution, rng: mulberry32(seed) });
  const community = new Int32Array(n);
  for (let i = 0; i < n; i++) community[i] = detailed.communities[String(i)]!;
  const count = detailed.count;
  const size = new Float64Array(count);
  const scoreSum = new Float64Array(count);
  const known = new Float64Array(count);
  const bad = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const c = community[i]!;
    size[c]!++;
    if (opts.scores) scoreSum[c]! += opts.scores[i]!;
    if (opts.outcomes) {
      const o = opts.outcomes[i]!;
      if (o === 0 || o === 1) {
        known[c]!++;
        bad[c]! += o;
      }
    }
  }
  const communities: CommunitySummary[] = [];
  for (let c = 0; c < count; c++) {
    communities.push({
      id: c,
      size: size[c]!,
      meanScore: opts.scores ? scoreSum[c]! / size[c]! : NaN,
      outcomeKnown: known[c]!,
      outcomeRate: known[c]! > 0 ? bad[c]! / known[c]! : NaN,
    });
  }
  return { community, count, modularity: detailed.modularity, communities };
}
