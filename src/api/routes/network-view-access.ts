/** How the network routes reach the published run's view: the view, a person's row, their scores. */
import type { PersonScore } from '../../domain/scores.js';
import type { ApiDeps } from '../deps.js';
import type { NetworkView } from '../network-view.js';
import { notFound } from '../problem.js';

export const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

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
  const byId = new Map((await deps.store.scoresBySeqsIn(view.run, seqs)).map((score) => [score.personId, score]));
  return seqs.map((seq) => byId.get(view.idOf(seq)!));
}
