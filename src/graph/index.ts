/**
 * The network engine (docs/design.md, "The network dimension"): pure graph math on typed arrays,
 * as the rest of src/ uses it — links staged into a nominal CSR, trust applied, propagation,
 * explanations, contagion push, influence centrality. No I/O. The graphology adapters (Louvain
 * communities, ego networks) are `./graphology.ts`, apart because loading graphology costs
 * about 80 ms that a worker or a CLI command that never draws a graph need not pay.
 *
 * Import from here (or ./graphology.ts): ESLint refuses deep imports into src/graph from the
 * rest of src/. Tests and benchmarks may import the modules themselves.
 */
export type { NetworkParams } from './network-params.js';
export { pointsPerNetworkUnit, type ScoreWeights } from './score-weights.js';
export { trustArray } from './tie-strength.js';
export { LinkStaging } from './link-staging.js';
export type { Csr, LinkColumns, NominalCsr } from './csr.js';
export { nominalCsr, replaceLinks, withTrust, type RowChange } from './nominal-csr.js';
export { propagateNetwork, type NetworkResult, type Transition } from './propagate.js';
export { bandCentre } from './network-band.js';
export { refineNetwork } from './refine-network.js';
export { movedNetworkValues } from './network-change.js';
export { explainNetwork, type NetworkExplanation } from './explain.js';
export { ContagionWorkspace, pushContagion, type AffectedPerson, type ContagionResult, type Shock } from './contagion.js';
export { influenceCentrality, topK, type InfluenceResult } from './influence.js';
export { strongestPath, type StrongestPath } from './strongest-path.js';
