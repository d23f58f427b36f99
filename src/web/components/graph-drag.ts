/**
 * Drag and pin: pressing on a node and moving drags it; where it is dropped it stays (`fixed`,
 * which ForceAtlas2 leaves in place). The camera does not pan while a node is dragged. A running
 * layout pauses for the drag and resumes after it, so it reads the new position.
 */
import type Sigma from 'sigma';
import type { ForceLayout } from './force-layout.js';

export function enableDrag(renderer: Sigma, options: { layout(): ForceLayout | undefined; onPinned(node: string): void }): void {
  const graph = renderer.getGraph();
  let dragged: string | undefined;
  let moved = false;
  let resume = false;
  renderer.on('downNode', ({ node }) => {
    dragged = node;
    moved = false;
    const layout = options.layout();
    resume = layout?.running() ?? false;
    if (resume) layout!.stop();
  });
  renderer.on('moveBody', ({ event, preventSigmaDefault }) => {
    if (dragged === undefined) return;
    const position = renderer.viewportToGraph(event);
    graph.mergeNodeAttributes(dragged, { x: position.x, y: position.y, fixed: true });
    moved = true;
    // Without this the camera would pan along with the node.
    preventSigmaDefault();
    event.original.preventDefault();
    event.original.stopPropagation();
  });
  const drop = () => {
    if (dragged === undefined) return;
    if (moved) options.onPinned(dragged);
    dragged = undefined;
    if (resume) options.layout()?.start();
    resume = false;
  };
  renderer.on('upNode', drop);
  renderer.on('upStage', drop);
}
