/**
 * The published run's network view and its Louvain communities as the analysts' routes need
 * them: 404 without a published run, 422 when the graph is too large to partition, and the
 * members of one community in id order (the order of the person search).
 */
import type { CommunityResult } from '../graph/communities.js';
import type { ApiDeps } from './deps.js';
import type { NetworkView } from './network-view.js';
import { notFound, unprocessable } from './problem.js';

/** The published run's view; 404 when no run is published. */
export async function publishedView(deps: ApiDeps): Promise<NetworkView> {
  const view = await deps.networkViews.current();
  if (!view) throw notFound('no score run has been published yet');
  return view;
}

/** The view's communities; 422 when the contact graph is too large for them. */
export async function communitiesOf(view: NetworkView): Promise<CommunityResult> {
  try {
    return await view.communities();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('communities:')) throw unprocessable(error.message);
    throw error;
  }
}

/** The seqs of one community's members, ascending; 404 when the run has no such community. */
export function communitySeqs(result: CommunityResult, id: number): number[] {
  if (id >= result.count) throw notFound(`no community ${id} in the published run (it has ${result.count})`);
  const seqs: number[] = [];
  for (let seq = 0; seq < result.community.length; seq++) if (result.community[seq] === id) seqs.push(seq);
  return seqs;
}
