/**
 * The ego network drawn with sigma (WebGL). Outside a what-if: node colour = band, node size =
 * influence (points their default would move), line colour = what links the pair
 * (edge-kinds.ts), line width = contact weight. During a what-if: node colour = points moved on
 * a diverging scale and size = |points moved| (impact-scale.ts); persons the what-if does not
 * reach fade.
 *
 * Layouts: force-directed (ForceAtlas2 in a Web Worker, force-layout.ts) or radial rings by hop
 * distance (ego-layout.ts). Nodes can be dragged and stay pinned (graph-drag.ts); double-click
 * expands a node's contacts (the caller fetches them). Labels never overlap: sigma's label grid
 * picks candidates (more as the camera zooms in) and label-placement.ts draws one only where it
 * is free, after the labels that must show (ego, selected, shocked). Sigma's canvas is
 * mouse-only; the node list beside it (ego-node-list.ts) gives the same selection to the
 * keyboard and to screen readers.
 */
import Sigma from 'sigma';
import type { EgoNetwork, StrongestTiePath } from '../api/types.js';
import { bandLabel } from '../bands.js';
import { h, replaceChildren } from '../dom.js';
import { formatDelta } from '../format.js';
import { addNetwork, addPath, countByHops, emptyDisplayGraph, type DisplayGraph, type EdgeData, type NodeData } from './display-graph.js';
import { ringLayout } from './ego-layout.js';
import { forceLayout, type ForceLayout } from './force-layout.js';
import { enableDrag } from './graph-drag.js';
import { impactColour, impactSize } from './impact-scale.js';
import { labelBox, LabelPlacer, type Box } from './label-placement.js';

const FADED = '#e4e4e7';
const PATH = '#1d4ed8';
const LABEL = { size: 12, font: 'system-ui, sans-serif', weight: '500', colour: '#1f2937' };

export type LayoutKind = 'force' | 'radial';

/** What a what-if did to the drawn persons. */
export interface WhatIfOverlay {
  /** Delta points by person id (only those the what-if reports). */
  deltas: ReadonlyMap<string, number>;
  /** The persons shocked. */
  shocked: ReadonlySet<string>;
}

export interface EgoGraphOptions {
  layout: LayoutKind;
  onSelect(key: string): void;
  onExpand(key: string): void;
  /** The layout started or stopped, a node was pinned or the drawing changed. */
  onChange?(): void;
}

export interface EgoGraphView {
  readonly graph: DisplayGraph;
  select(key: string | undefined): void;
  showWhatIf(overlay: WhatIfOverlay | undefined): void;
  setLayout(kind: LayoutKind): void;
  layoutKind(): LayoutKind;
  /** Runs the force-directed layout again (or stops it when running). */
  toggleLayoutRun(): void;
  layoutRunning(): boolean;
  /** Draws a strongest-tie path over the network (adding the persons it lacks); undefined clears it. */
  showPath(path: StrongestTiePath | undefined): string[];
  /** Adds an expanded node's network; returns the persons added. */
  expand(network: EgoNetwork, from: string): string[];
  pinned(): number;
  unpinAll(): void;
  destroy(): void;
}

/**
 * @example
 * const view = mountEgoGraph(element, network, { layout: 'force', onSelect: show, onExpand: fetchMore });
 * view.showWhatIf({ deltas: new Map([['p0042', -3.2]]), shocked: new Set(['p0007']) });
 */
export function mountEgoGraph(container: HTMLElement, network: EgoNetwork, options: EgoGraphOptions): EgoGraphView {
  const graph = emptyDisplayGraph();
  addNetwork(graph, network);
  const ego = network.attributes.ego;
  placeInRings(graph);
  const state = { selected: undefined as string | undefined, overlay: undefined as WhatIfOverlay | undefined, maxMove: 0, kind: options.layout, path: new Set<string>(), pathEdges: new Set<string>() };
  const placer = new LabelPlacer();
  /** `ready`: the renderer exists (sigma draws a first frame inside its constructor). */
  const frame = { fresh: true, ready: false };
  const measure = document.createElement('canvas').getContext('2d');
  const textWidth = (text: string) => {
    if (!measure) return text.length * LABEL.size * 0.6;
    measure.font = `${LABEL.weight} ${LABEL.size}px ${LABEL.font}`;
    return measure.measureText(text).width;
  };
  const mustShow = (key: string) => key === ego || key === state.selected || state.path.has(key) || (state.overlay?.shocked.has(key) ?? false);

  let renderer: Sigma<NodeData, EdgeData>;
  try {
    renderer = new Sigma(graph, container, {
      defaultEdgeType: 'line',
      labelRenderedSizeThreshold: 5,
      labelDensity: 1,
      labelGridCellSize: 90,
      labelFont: LABEL.font,
      labelSize: LABEL.size,
      labelWeight: LABEL.weight,
      zIndex: true,
      stagePadding: 40,
      defaultDrawNodeLabel: (context, data, settings) => {
        if (!data.label) return;
        if (frame.fresh && frame.ready) {
          // The labels that must show reserve their place before the first label of the frame
          // is drawn (not at beforeRender: sigma normalises node positions after that event).
          placer.reset(graph.filterNodes((key) => mustShow(key)).flatMap((key) => reservedBox(renderer, key, textWidth)));
          frame.fresh = false;
        }
        const box = labelBox(data, textWidth(data.label), settings.labelSize);
        if (!placer.place({ ...box, key: data.key, cx: data.x, cy: data.y }, mustShow(data.key))) return;
        context.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
        // A white halo keeps the text readable over lines.
        context.lineWidth = 3;
        context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
        context.strokeText(data.label, box.x, data.y + settings.labelSize / 3);
        context.fillStyle = LABEL.colour;
        context.fillText(data.label, box.x, data.y + settings.labelSize / 3);
      },
      nodeReducer: (key, data) => {
        const shown = nodeShown(key, data, { ego, ...state });
        return state.path.has(key) ? { ...shown, forceLabel: true, zIndex: 4 } : shown;
      },
      edgeReducer: (key, data) => {
        if (state.pathEdges.has(key)) return { ...data, color: PATH, size: Math.max(3, data.size * 2), zIndex: 4 };
        const overlay = state.overlay;
        if (!overlay) return data;
        const reached = (node: string) => overlay.deltas.has(node) || overlay.shocked.has(node);
        return graph.extremities(key).every(reached) ? data : { ...data, color: FADED };
      },
    });
  } catch (error) {
    replaceChildren(
      container,
      h('p', { class: 'state state-error', role: 'alert' }, `The graph cannot be drawn here (${error instanceof Error ? error.message : String(error)}); the list of persons beside it works without it.`),
    );
    return inertView(graph);
  }

  frame.ready = true;
  renderer.on('beforeRender', () => {
    frame.fresh = true;
    placer.reset();
  });
  renderer.on('afterRender', () => {
    container.dataset.labels = JSON.stringify(placer.placed.map((box) => Object.fromEntries(Object.entries(box).map(([name, value]) => [name, typeof value === 'number' ? round(value) : value]))));
  });

  let layout: ForceLayout | undefined;
  const changed = () => {
    container.dataset.layout = state.kind;
    container.dataset.layoutRunning = String(layout?.running() ?? false);
    options.onChange?.();
  };
  const startForce = () => {
    layout ??= forceLayout(graph, { onChange: changed });
    layout.start();
  };
  enableDrag(renderer as unknown as Sigma, { layout: () => layout, onPinned: changed });
  renderer.on('clickNode', ({ node }) => options.onSelect(node));
  renderer.on('doubleClickNode', ({ node, preventSigmaDefault }) => {
    preventSigmaDefault(); // no zoom on double-click of a node
    options.onExpand(node);
  });
  renderer.on('enterNode', () => container.classList.add('pointing'));
  renderer.on('leaveNode', () => container.classList.remove('pointing'));
  const describeGraph = () => container.setAttribute('aria-label', describe(graph, ego));
  describeGraph();
  if (state.kind === 'force') startForce();
  else renderer.refresh();
  changed();

  return {
    graph,
    select(key) {
      state.selected = key;
      renderer.refresh({ skipIndexation: true });
    },
    showWhatIf(next) {
      state.overlay = next;
      // The scale spans the others' moves: a shocked person's own move (tens of points) would wash them out.
      state.maxMove = Math.max(0, ...[...(next?.deltas ?? [])].filter(([key]) => !next!.shocked.has(key)).map(([, delta]) => Math.abs(delta)));
      renderer.refresh();
    },
    setLayout(kind) {
      state.kind = kind;
      if (kind === 'radial') {
        layout?.stop();
        graph.forEachNode((key) => graph.removeNodeAttribute(key, 'fixed'));
        placeInRings(graph);
      } else startForce();
      changed();
    },
    layoutKind: () => state.kind,
    showPath(path) {
      const added = path ? addPath(graph, path) : [];
      const keys = path?.steps.map((step) => step.personId) ?? [];
      state.path = new Set(keys);
      state.pathEdges = new Set(keys.slice(1).map((key, k) => graph.edge(keys[k]!, key)!));
      if (added.length) {
        if (state.kind === 'radial') placeInRings(graph);
        else startForce();
        describeGraph();
        changed();
      }
      renderer.refresh();
      return added;
    },
    toggleLayoutRun() {
      if (layout?.running()) layout.stop();
      else if (state.kind === 'force') startForce();
    },
    layoutRunning: () => layout?.running() ?? false,
    expand(more, from) {
      const added = addNetwork(graph, more, { hopOffset: graph.getNodeAttribute(from, 'hops'), near: from });
      if (state.kind === 'radial') placeInRings(graph);
      else startForce();
      describeGraph();
      changed();
      return added;
    },
    pinned: () => graph.filterNodes((_key, data) => data.fixed === true).length,
    unpinAll() {
      graph.forEachNode((key) => graph.removeNodeAttribute(key, 'fixed'));
      if (state.kind === 'force') startForce();
      changed();
    },
    destroy() {
      layout?.kill();
      renderer.kill();
    },
  };
}

/** How a node is drawn now (band colours, or the what-if's impact). */
function nodeShown(key: string, data: NodeData, state: { ego: string; selected: string | undefined; overlay: WhatIfOverlay | undefined; maxMove: number }): Partial<NodeData> & Record<string, unknown> {
  const shown = { ...data, zIndex: key === state.ego ? 1 : 0, forceLabel: key === state.ego || key === state.selected, highlighted: key === state.selected };
  const overlay = state.overlay;
  if (!overlay) return shown;
  const delta = overlay.deltas.get(key);
  if (overlay.shocked.has(key)) {
    return { ...shown, color: impactColour(delta ?? 0, state.maxMove), size: impactSize(delta ?? 0, state.maxMove), label: `${key} shocked${delta === undefined ? '' : ` ${formatDelta(delta)}`}`, forceLabel: true, highlighted: true, zIndex: 3 };
  }
  if (delta === undefined) return { ...shown, color: FADED, size: 3, label: key, zIndex: 0 };
  return { ...shown, color: impactColour(delta, state.maxMove), size: impactSize(delta, state.maxMove), label: `${key} ${formatDelta(delta)}`, zIndex: 2 };
}

/** The label box a must-show node will take this frame, in viewport pixels. */
function reservedBox(renderer: Sigma<NodeData, EdgeData>, key: string, textWidth: (text: string) => number): Box[] {
  const display = renderer.getNodeDisplayData(key);
  if (!display || display.hidden || !display.label) return [];
  const at = renderer.framedGraphToViewport(display);
  const size = renderer.scaleSize(display.size);
  const box = labelBox({ x: at.x, y: at.y, size }, textWidth(display.label), LABEL.size);
  if (!display.highlighted) return [{ ...box, key, cx: at.x, cy: at.y }];
  // drawDiscNodeHover's box: from the disc to 4 px past the text, labelSize + 4 tall, with an 8 px shadow.
  const shadow = 6;
  const height = LABEL.size + 4 + 2 * shadow;
  const left = at.x - Math.max(size, LABEL.size / 2) - 2 - shadow;
  return [{ key, cx: at.x, cy: at.y, x: left, y: at.y - height / 2, width: box.x + box.width + 4 + shadow - left, height }];
}

/** Every node on its ring by hop distance (ego-layout.ts). */
function placeInRings(graph: DisplayGraph): void {
  const positions = ringLayout(
    graph.mapNodes((key, data) => ({ key, hops: data.hops })),
    graph.mapEdges((_edge, _data, source, target) => [source, target] as const),
  );
  graph.updateEachNodeAttributes((key, data) => ({ ...data, ...positions.get(key)! }));
}

const round = (value: number) => Math.round(value * 10) / 10;

function inertView(graph: DisplayGraph): EgoGraphView {
  return {
    graph,
    select() {},
    showWhatIf() {},
    setLayout() {},
    layoutKind: () => 'radial',
    showPath: () => [],
    toggleLayoutRun() {},
    layoutRunning: () => false,
    expand: () => [],
    pinned: () => 0,
    unpinAll() {},
    destroy() {},
  };
}

/** A sentence about the drawing for screen readers (the node list has the details). */
function describe(graph: DisplayGraph, ego: string): string {
  const [, contacts = 0, further = 0] = countByHops(graph);
  const egoBand = graph.hasNode(ego) ? bandLabel(graph.getNodeAttribute(ego, 'band')) : 'unknown';
  return `Network of ${ego} (${egoBand}): ${contacts} contacts${further ? ` and ${further} persons further out` : ''}, ${graph.size} contact pairs.`;
}
