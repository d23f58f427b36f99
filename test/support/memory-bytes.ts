/** Memory held by the network engine's arrays, for the benchmarks' memory reports and the tests. */
import type { ContagionWorkspace } from '../../src/graph/contagion.js';
import type { CsrLayout } from '../../src/graph/csr.js';

/** Bytes held by a CSR's arrays. */
export function csrBytes(csr: CsrLayout): number {
  return csr.offsets.byteLength + csr.targets.byteLength + csr.weights.byteLength + csr.degree.byteLength;
}

/** Bytes a contagion workspace holds besides the CSR's own arrays (which a symmetric CSR lends it). */
export function workspaceBytes(ws: ContagionWorkspace): number {
  const perNode = [ws.residual, ws.estimate, ws.received, ws.hops, ws.flags, ws.queue, ws.touched, ws.rowAt ?? new Int32Array(0)];
  const transposed = ws.rowAt === undefined ? ws.reverseOffsets.byteLength + ws.reverseSources.byteLength : 0;
  return perNode.reduce((sum, array) => sum + array.byteLength, 0) + transposed + ws.reverseValues.byteLength;
}
