/** Memory a CSR holds, for the benchmarks' memory reports. */
import type { CsrLayout } from '../../src/graph/csr.js';

/** Bytes held by a CSR's arrays. */
export function csrBytes(csr: CsrLayout): number {
  return csr.offsets.byteLength + csr.targets.byteLength + csr.weights.byteLength + csr.degree.byteLength;
}
