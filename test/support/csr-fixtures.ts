/**
 * CSRs for tests, built the way production builds them: links staged (LinkStaging), assembled
 * into a nominal CSR, trust applied (`withTrust`). `csrFromEntries` gives the generic directed
 * graphs the kernels are checked on against graphology-metrics and brute force; production
 * never builds those, but they go through the same assembler.
 */
import { assembleCsr, type Csr } from '../../src/graph/csr.js';
import type { LinkStaging} from '../../src/graph/index.js';
import { nominalCsr, withTrust } from '../../src/graph/index.js';

/**
 * The kernels' CSR of the links staged in `staging`, with per-person `trust` (1 for everybody
 * when none is given).
 *
 * @example trustedCsr(new LinkStaging(3).addFriend(0, 1, 200, 12), [1, 0.1, 1])
 */
export function trustedCsr(staging: LinkStaging, trust?: ArrayLike<number>): Csr {
  const n = staging.nodeCount;
  return withTrust(nominalCsr(n, staging.links()), trust ?? new Float64Array(n).fill(1));
}

/**
 * A CSR taken as given from directed entries (i → j, weight w_ij): repeated pairs summed,
 * self entries dropped, D_i = Σ_j w_ij, the pattern not taken for symmetric.
 *
 * @example csrFromEntries(2, [0, 1], [1, 0], [1, 3]).weights // Float64Array [1, 3]
 */
export function csrFromEntries(nodeCount: number, sources: ArrayLike<number>, targets: ArrayLike<number>, weights: ArrayLike<number>): Csr {
  return { ...assembleCsr(nodeCount, { a: sources, b: targets, w: weights }, false), symmetric: false, kind: 'trusted' };
}
