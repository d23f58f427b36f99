/**
 * How the network routes reach the published run's view: the view (404 without a published run),
 * a person's row, their scores, the Louvain communities (422 when the graph is too large to
 * partition) and one community's members in seq order.
 */
import type { PersonScore } from '../../domain/scores.js';
import { bandOf, BANDS } from '../../score/index.js';
import { CommunitiesTooLargeError, type CommunityResult } from '../../graph/graphology.js';
import type { ApiDeps } from '../deps.js';
import type { NetworkView } from '../network-view.js';
import { notFound, unprocessable } from '../problem.js';

export async function viewOrFail(deps: ApiDeps): Promise<NetworkView> {
  const view = await deps.networkViews.current();
  if (!view) throw notFound('no score run has been published yet');
  return view;
}

export async function seqOrFail(view: NetworkView, personId: string): Promise<number> {
  const seq = await view.seqOf(personId);
  if (seq === undefined) throw notFound(`no person "${personId}" in the published run's network`);
  return seq;
}

/** Published scores of snapshot rows, in the order of `seqs` (one store read for all of them). */
export async function scoresOfSeqs(deps: ApiDeps, view: NetworkView, seqs: readonly number[]): Promise<(PersonScore | undefined)[]> {
  const byId = new Map((await deps.store.scoresAtSeqs(view.run, seqs)).map((score) => [score.personId, score]));
  return seqs.map((seq) => byId.get(view.idOf(seq)!));
}

/** The view's communities; 422 when the contact graph is too large for them. */
export async function communitiesOf(view: NetworkView): Promise<CommunityResult> {
  try {
    return await view.communities();
  } catch (error) {
    if (error instanceof CommunitiesTooLargeError) throw unprocessable(error.message);
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

/** Per community, its members' published scores counted by band (members without a score are left out). */
export function bandMixes(result: CommunityResult, scores: ArrayLike<number>): Record<string, number>[] {
  const mixes = result.communities.map(() => Object.fromEntries(BANDS.map((band) => [band.id, 0])) as Record<string, number>);
  for (let seq = 0; seq < result.community.length; seq++) {
    const score = scores[seq]!;
    if (!Number.isNaN(score)) mixes[result.community[seq]!]![bandOf(score).id]!++;
  }
  return mixes;
}
