/**
 * The graph's controls: layout (force-directed or radial rings), run/stop the force layout,
 * the pinned count with "Unpin all", and a line saying how to drag, pin and expand.
 */
import { h, replaceChildren } from '../dom.js';
import type { EgoGraphView, LayoutKind } from './ego-graph.js';

export interface GraphToolbar {
  element: HTMLElement;
  /** Shows the view's state again (layout running, pins). */
  update(): void;
}

const LAYOUTS: { kind: LayoutKind; label: string }[] = [
  { kind: 'force', label: 'Force-directed' },
  { kind: 'radial', label: 'Radial (rings by hops)' },
];

export function graphToolbar(view: () => EgoGraphView | undefined, options: { onLayout(kind: LayoutKind): void }): GraphToolbar {
  const choices = LAYOUTS.map(({ kind, label }) => {
    const input = h('input', { type: 'radio', name: 'layout', value: kind, id: `layout-${kind}` });
    input.addEventListener('change', () => {
      if (input.checked) options.onLayout(kind);
    });
    return { kind, input, label: h('label', { for: `layout-${kind}` }, input, label) };
  });
  const run = h('button', { type: 'button', 'data-testid': 'layout-run' }, 'Run layout');
  run.addEventListener('click', () => view()?.toggleLayoutRun());
  const pins = h('span', { class: 'muted', 'data-testid': 'pinned' });
  const unpin = h('button', { type: 'button', 'data-testid': 'unpin-all' }, 'Unpin all');
  unpin.addEventListener('click', () => view()?.unpinAll());
  const element = h(
    'div',
    { class: 'graph-toolbar' },
    h('fieldset', { class: 'layout-choice' }, h('legend', {}, 'Layout'), choices.map((choice) => choice.label)),
    run,
    pins,
    unpin,
  );
  return {
    element,
    update() {
      const current = view();
      if (!current) return;
      for (const choice of choices) choice.input.checked = choice.kind === current.layoutKind();
      const running = current.layoutRunning();
      run.textContent = running ? 'Stop layout' : 'Run layout';
      run.disabled = current.layoutKind() !== 'force';
      run.setAttribute('aria-pressed', String(running));
      const pinned = current.pinned();
      replaceChildren(pins, pinned === 0 ? 'Drag a node to pin it; double-click to expand its contacts.' : `${pinned} pinned`);
      unpin.hidden = pinned === 0;
    },
  };
}
