/**
 * The network engine (docs/design.md, "The network dimension"): pure graph math on typed arrays.
 * CSR snapshot → transition and propagation → explanations, contagion push, influence
 * centrality; graphology adapters for Louvain communities and ego networks. No I/O.
 */
export { DEFAULT_NETWORK_PARAMS, type NetworkParams } from './network-params.js';
export { DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from './score-weights.js';
export {
  checkedTrust,
  friendStrength,
  paidStrength,
  STRENGTH_DEFAULTS,
  trustArray,
  trustOf,
  type StrengthConstants,
} from './tie-strength.js';
export { LinkStaging, type FriendBatch, type LinkStagingOptions, type PaidBatch } from './link-staging.js';
export { transposeCsr, type Csr, type CsrLayout, type LinkColumns, type NominalCsr, type TransposedCsr } from './csr.js';
export { nominalCsr, replaceLinks, withTrust, type RowChange } from './nominal-csr.js';
export {
  buildTransition,
  meanOf,
  multiplyTransition,
  propagateNetwork,
  type NetworkResult,
  type PropagateOptions,
  type Transition,
} from './propagate.js';
export {
  explainNetwork,
  type Contribution,
  type ExplainOptions,
  type NetworkExplanation,
} from './explain.js';
export {
  ContagionWorkspace,
  pushContagion,
  type AffectedPerson,
  type ContagionOptions,
  type ContagionResult,
  type Shock,
} from './contagion.js';
export { influenceCentrality, topK, type InfluenceOptions, type InfluenceResult } from './influence.js';
export {
  CommunitiesTooLargeError,
  COMMUNITIES_MAX_EDGES,
  detectCommunities,
  type CommunityOptions,
  type CommunityResult,
  type CommunitySummary,
} from './communities.js';
export {
  egoNetwork,
  type EgoEdgeAttributes,
  type EgoNetworkOptions,
  type EgoNodeAttributes,
} from './ego-network.js';
