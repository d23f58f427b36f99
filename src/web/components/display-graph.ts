/**
 * The drawn network as one undirected graphology graph: the ego network the API answered, plus
 * the networks of the nodes expanded since. One edge per contact pair (the heavier direction),
 * coloured by what links the pair; a node's `hops` is its distance from the ego as drawn.
 */
import { UndirectedGraph } from 'graphology';
import type { EdgeKind, EgoNetwork, StrongestTiePath } from '../api/types.js';
import { bandColour } from '../bands.js';
import { edgeColour } from './edge-kinds.js';

export interface NodeData {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  hops: number;
  score: number | null;
  band: string | null;
  influence: number;
  /** Pinned where the analyst dropped it (ForceAtlas2 leaves it in place). */
  fixed?: boolean;
  /** Contacts in the whole graph, once known (the ego, expanded nodes). */
  contactsTotal?: number;
}

export interface EdgeData {
  size: number;
  color: string;
  weight: number;
  kind: EdgeKind | null;
  zIndex?: number;
}

export type DisplayGraph = UndirectedGraph<NodeData, EdgeData>;

export const NODE_SIZE = { min: 4, max: 16 };
const EDGE_SIZE = { min: 0.6, max: 4 };

export function emptyDisplayGraph(): DisplayGraph {
  return new UndirectedGraph<NodeData, EdgeData>();
}

/**
 * Adds `network` (an answer of GET /v1/persons/{id}/network) to `graph`: new persons at
 * `hopOffset` + their hops, placed at `near` (jittered) or the origin; existing persons keep
 * their place. Returns the keys added.
 *
 * @example
 * const graph = emptyDisplayGraph();
 * addNetwork(graph, network);                                   // the ego network
 * addNetwork(graph, expansion, { hopOffset: 1, near: 'p0042' }); // after expanding p0042
 */
export function addNetwork(graph: DisplayGraph, network: EgoNetwork, options: { hopOffset?: number; near?: string } = {}): string[] {
  const added: string[] = [];
  const origin = options.near && graph.hasNode(options.near) ? graph.getNodeAttributes(options.near) : { x: 0, y: 0 };
  network.nodes.forEach(({ key, attributes }, k) => {
    if (graph.hasNode(key)) return;
    const angle = (2 * Math.PI * k) / Math.max(1, network.nodes.length);
    graph.addNode(key, {
      x: origin.x + (options.near ? 0.3 * Math.cos(angle) : 0),
      y: origin.y + (options.near ? 0.3 * Math.sin(angle) : 0),
      size: NODE_SIZE.min,
      color: bandColour(attributes.band),
      label: key,
      hops: (options.hopOffset ?? 0) + attributes.hops,
      score: attributes.score,
      band: attributes.band,
      influence: attributes.influence,
    });
    added.push(key);
  });
  const ego = network.attributes.ego;
  if (graph.hasNode(ego)) graph.setNodeAttribute(ego, 'contactsTotal', network.attributes.contactsTotal);
  for (const edge of network.edges) {
    const { weight, kind } = edge.attributes;
    const existing = graph.edge(edge.source, edge.target);
    if (existing === undefined) graph.addEdge(edge.source, edge.target, { weight, kind, size: 0, color: edgeColour(kind) });
    else if (weight > graph.getEdgeAttribute(existing, 'weight')) graph.setEdgeAttribute(existing, 'weight', weight);
  }
  resize(graph);
  return added;
}

/**
 * Adds the persons and ties of a strongest-tie path that the drawing lacks, each new person one
 * hop further out than the step before it. Returns the keys added.
 */
export function addPath(graph: DisplayGraph, path: StrongestTiePath): string[] {
  const added: string[] = [];
  path.steps.forEach((step, k) => {
    const previous = k > 0 ? path.steps[k - 1]!.personId : undefined;
    if (!graph.hasNode(step.personId)) {
      const from = previous && graph.hasNode(previous) ? graph.getNodeAttributes(previous) : { x: 0, y: 0, hops: 0 };
      graph.addNode(step.personId, {
        x: from.x + 0.5,
        y: from.y + 0.5,
        size: NODE_SIZE.min,
        color: bandColour(step.band),
        label: step.personId,
        hops: from.hops + 1,
        score: step.score,
        band: step.band,
        influence: 0,
      });
      added.push(step.personId);
    }
    if (previous && !graph.hasEdge(previous, step.personId)) {
      graph.addEdge(previous, step.personId, { weight: 0, kind: null, size: 0, color: edgeColour(null) });
    }
  });
  if (added.length) resize(graph);
  return added;
}

/** Node area grows with influence, line width with weight, both against the largest drawn. */
function resize(graph: DisplayGraph): void {
  let maxInfluence = 1e-9;
  graph.forEachNode((_key, data) => (maxInfluence = Math.max(maxInfluence, data.influence)));
  graph.updateEachNodeAttributes((_key, data) => ({ ...data, size: NODE_SIZE.min + (NODE_SIZE.max - NODE_SIZE.min) * Math.sqrt(data.influence / maxInfluence) }));
  let maxWeight = 1e-9;
  graph.forEachEdge((_key, data) => (maxWeight = Math.max(maxWeight, data.weight)));
  // The hint makes sigma index the edges again: without it, edges added just now are not in its programs yet and it throws.
  graph.updateEachEdgeAttributes((_key, data) => ({ ...data, size: EDGE_SIZE.min + (EDGE_SIZE.max - EDGE_SIZE.min) * (data.weight / maxWeight) }), { attributes: ['size', 'zIndex'] });
}

/** The kinds of link drawn (for the legend). */
export function kindsDrawn(graph: DisplayGraph): Set<EdgeKind | 'unknown'> {
  const kinds = new Set<EdgeKind | 'unknown'>();
  graph.forEachEdge((_key, data) => kinds.add(data.kind ?? 'unknown'));
  return kinds;
}

/** How many persons are drawn at each hop distance (index = hops). */
export function countByHops(graph: DisplayGraph): number[] {
  const counts: number[] = [];
  graph.forEachNode((_key, data) => (counts[data.hops] = (counts[data.hops] ?? 0) + 1));
  return Array.from(counts, (count) => count ?? 0);
}
