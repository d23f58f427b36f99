/**
 * The force-directed layout: ForceAtlas2 (Jacomy, Venturini, Heymann, Bastian, "ForceAtlas2, a
 * continuous graph layout algorithm for handy network visualization designed for the Gephi
 * software", PLoS ONE 9(6), 2014) from graphology's layout packages, run in a Web Worker so the
 * page stays responsive while it settles. It starts from the current positions (the rings), runs
 * for `DEFAULTS.runMs` and stops; `start()` runs it again. Pinned nodes (`fixed: true`) stay
 * where they were dropped.
 */
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type Graph from 'graphology-types';

const DEFAULTS = {
  /** How long one run lasts; ForceAtlas2 has no convergence test of its own. */
  runMs: 2500,
};

export interface ForceLayout {
  start(): void;
  stop(): void;
  running(): boolean;
  kill(): void;
}

/**
 * @example
 * const layout = forceLayout(graph, { onChange: (running) => button.textContent = running ? 'Stop' : 'Run' });
 * layout.start();
 */
export function forceLayout(graph: Graph, options: { onChange(running: boolean): void }): ForceLayout {
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    // Nodes keep their size apart (no overlapping discs), and ties pull by their weight.
    adjustSizes: true,
    edgeWeightInfluence: 0.5,
    gravity: 1,
    scalingRatio: 10,
    slowDown: 2,
  };
  const supervisor = new FA2LayoutSupervisor(graph, { settings, getEdgeWeight: 'weight' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
    if (supervisor.isRunning()) supervisor.stop();
    options.onChange(false);
  };
  return {
    start() {
      clearTimeout(timer);
      // A fresh start reads the graph again: positions moved by hand and pins included.
      if (supervisor.isRunning()) supervisor.stop();
      supervisor.start();
      options.onChange(true);
      timer = setTimeout(stop, DEFAULTS.runMs);
    },
    stop,
    running: () => supervisor.isRunning(),
    kill() {
      clearTimeout(timer);
      supervisor.kill();
    },
  };
}
