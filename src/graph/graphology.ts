/**
 * The network engine's graphology adapters, apart from the typed-array kernels of ./index.ts
 * because they load graphology: Louvain communities of the contact graph and ego networks
 * drawn for the analysts' page.
 */
export { CommunitiesTooLargeError, COMMUNITIES_MAX_EDGES, detectCommunities, type CommunityResult } from './communities.js';
export { egoNetwork, type EgoEdgeAttributes, type EgoNodeAttributes } from './ego-network.js';
