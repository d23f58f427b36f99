/**
 * The ego network drawn with sigma (WebGL): node colour = band, node size = influence (points
 * the person's default would move), edge width = contact weight, rings by hop distance
 * (ego-layout.ts). A what-if fades everyone it does not reach and labels the reached with their
 * delta. Sigma's canvas is mouse-only; the node list next to it (ego-node-list.ts) gives the
 * same selection to the keyboard and to screen readers.
 */
import { UndirectedGraph } from 'graphology';
import Sigma from 'sigma';
import type { EgoNetwork } from '../api/types.js';
import { bandColour, bandLabel } from '../bands.js';
import { h, replaceChildren } from '../dom.js';
import { formatDelta } from '../format.js';
import { ringLayout } from './ego-layout.js';

const NODE_SIZE = { min: 4, max: 16 };
const EDGE_SIZE = { min: 0.5, max: 5 };
const FADED = '#e2e2e2';
const EDGE = '#b4b4b4';
const EDGE_REACHED = '#5a5a5a';
/** What-if labels always drawn: the largest moves; the rest show as space allows (sigma's label grid). */
const FORCED_WHAT_IF_LABELS = 12;

interface NodeData {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  hops: number;
  score: number | null;
  band: string | null;
  influence: number;
}

interface EdgeData {
  size: number;
  color: string;
  weight: number;
}

/** What a what-if did to the drawn persons. */
export interface WhatIfOverlay {
  /** Delta points by person id (only those the what-if reports). */
  deltas: ReadonlyMap<string, number>;
  /** The persons defaulted. */
  shocked: ReadonlySet<string>;
}

export interface EgoGraphView {
  select(key: string | undefined): void;
  showWhatIf(overlay: WhatIfOverlay | undefined): void;
  destroy(): void;
}

/** The network as a display graph: one undirected edge per contact pair (the heavier direction). */
export function displayGraph(network: EgoNetwork): UndirectedGraph<NodeData, EdgeData> {
  const graph = new UndirectedGraph<NodeData, EdgeData>();
  const maxInfluence = Math.max(1e-9, ...network.nodes.map((node) => node.attributes.influence ?? 0));
  const weights = network.edges.map((edge) => edge.attributes?.weight ?? 1);
  const maxWeight = Math.max(1e-9, ...weights);
  const positions = ringLayout(
    network.nodes.map((node) => ({ key: node.key, hops: node.attributes.hops })),
    network.edges.map((edge) => [edge.source, edge.target] as const),
  );
  for (const { key, attributes } of network.nodes) {
    const influence = attributes.influence ?? 0;
    graph.addNode(key, {
      ...positions.get(key)!,
      // Area, not radius, grows with influence, so a person twice as important looks twice as big.
      size: NODE_SIZE.min + (NODE_SIZE.max - NODE_SIZE.min) * Math.sqrt(influence / maxInfluence),
      color: bandColour(attributes.band),
      label: key,
      hops: attributes.hops,
      score: attributes.score,
      band: attributes.band,
      influence,
    });
  }
  network.edges.forEach((edge, k) => {
    const weight = weights[k]!;
    const existing = graph.edge(edge.source, edge.target);
    if (existing !== undefined) {
      if (weight > graph.getEdgeAttribute(existing, 'weight')) graph.mergeEdgeAttributes(existing, { weight, size: edgeSize(weight, maxWeight) });
      return;
    }
    graph.addEdge(edge.source, edge.target, { weight, size: edgeSize(weight, maxWeight), color: EDGE });
  });
  return graph;
}

const edgeSize = (weight: number, maxWeight: number) => EDGE_SIZE.min + (EDGE_SIZE.max - EDGE_SIZE.min) * (weight / maxWeight);

/**
 * @example
 * const view = mountEgoGraph(element, network, { onSelect: (key) => showDetails(key) });
 * view.showWhatIf({ deltas: new Map([['p0042', -3.2]]), shocked: new Set(['p0007']) });
 */
export function mountEgoGraph(container: HTMLElement, network: EgoNetwork, options: { onSelect(key: string): void }): EgoGraphView {
  const graph = displayGraph(network);
  const ego = network.attributes.ego;
  let selected: string | undefined;
  let overlay: WhatIfOverlay | undefined;
  let largestMoves = new Set<string>();
  let renderer: Sigma<NodeData, EdgeData>;
  try {
    renderer = new Sigma(graph, container, {
      defaultEdgeType: 'line',
      labelRenderedSizeThreshold: 9,
      labelFont: 'system-ui, sans-serif',
      labelSize: 12,
      zIndex: true,
      // Room for the labels of the outermost ring.
      stagePadding: 56,
      nodeReducer: (key, data) => {
        const shown = { ...data, zIndex: 0, forceLabel: key === ego || key === selected, highlighted: key === selected };
        if (!overlay) return shown;
        const delta = overlay.deltas.get(key);
        if (overlay.shocked.has(key)) {
          return { ...shown, label: `${key} defaults${delta === undefined ? '' : ` ${formatDelta(delta)}`}`, forceLabel: true, highlighted: true, zIndex: 2 };
        }
        if (delta === undefined) return { ...shown, color: FADED, label: key, zIndex: 0 };
        return { ...shown, label: `${key} ${formatDelta(delta)}`, forceLabel: shown.forceLabel || largestMoves.has(key), zIndex: 1 };
      },
      edgeReducer: (key, data) => {
        if (!overlay) return data;
        const [source, target] = graph.extremities(key);
        const reached = (node: string) => overlay!.deltas.has(node) || overlay!.shocked.has(node);
        return reached(source) && reached(target) ? { ...data, color: EDGE_REACHED } : { ...data, color: FADED };
      },
    });
  } catch (error) {
    replaceChildren(
      container,
      h('p', { class: 'state state-error', role: 'alert' }, `The graph cannot be drawn here (${error instanceof Error ? error.message : String(error)}); the list of persons beside it works without it.`),
    );
    return { select() {}, showWhatIf() {}, destroy() {} };
  }
  renderer.on('clickNode', ({ node }) => options.onSelect(node));
  renderer.on('enterNode', () => container.classList.add('pointing'));
  renderer.on('leaveNode', () => container.classList.remove('pointing'));
  container.setAttribute('aria-label', describe(graph, ego));
  return {
    select(key) {
      selected = key;
      renderer.refresh({ skipIndexation: true });
    },
    showWhatIf(next) {
      overlay = next;
      const drawn = [...(next?.deltas ?? [])].filter(([key]) => graph.hasNode(key) && !next!.shocked.has(key));
      drawn.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
      largestMoves = new Set(drawn.slice(0, FORCED_WHAT_IF_LABELS).map(([key]) => key));
      renderer.refresh({ skipIndexation: true });
    },
    destroy() {
      renderer.kill();
    },
  };
}

/** A sentence about the drawing for screen readers (the node list has the details). */
function describe(graph: UndirectedGraph<NodeData, EdgeData>, ego: string): string {
  const hops = [1, 2].map((hop) => graph.filterNodes((_key, data) => data.hops === hop).length);
  const egoBand = graph.hasNode(ego) ? bandLabel(graph.getNodeAttribute(ego, 'band')) : 'unknown';
  return `Network of ${ego} (${egoBand}): ${hops[0]} contacts${hops[1] ? ` and ${hops[1]} contacts of contacts` : ''}, ${graph.size} contact pairs.`;
}
