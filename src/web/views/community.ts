/**
 * Community view (#/community/<id>): one Louvain community of the published run — its size, mean
 * score and band mix, its most systemically important members (the population's influence
 * ranking restricted to them) and its members, a page at a time ("showing N of M").
 */
import type { Community } from '../api/types.js';
import type { AppContext, MountedView } from '../app-context.js';
import { bandLegend } from '../components/band-legend.js';
import { bandMixBar } from '../components/band-mix.js';
import { influenceTable } from '../components/influence-table.js';
import { personResults } from '../components/person-results.js';
import { h, replaceChildren } from '../dom.js';
import { formatCount, formatPoints } from '../format.js';
import { emptyState, errorState, loadingState } from '../status.js';

const TOP = 10;

export function mountCommunity(container: HTMLElement, ctx: AppContext, communityId: number): MountedView {
  const body = h('div', {});
  replaceChildren(container, h('h1', {}, `Community #${communityId}`), h('p', {}, h('a', { href: '#/population' }, '← Population')), body);
  let active = true;
  void (async () => {
    replaceChildren(body, loadingState(`community #${communityId}`));
    try {
      const community = await ctx.api.get<Community>(`/v1/communities/${communityId}?top=${TOP}`);
      if (active) show(ctx, body, community);
    } catch (error) {
      ctx.handleError(error);
      if (active) replaceChildren(body, errorState(error, `community #${communityId} in the published run`));
    }
  })();
  return { unmount: () => (active = false) };
}

function show(ctx: AppContext, body: HTMLElement, community: Community): void {
  const scored = Object.values(community.bandMix).reduce((x, y) => x + y, 0);
  const facts: [string, string][] = [
    ['Members', formatCount(community.size)],
    ['With a published score', formatCount(scored)],
    ['Mean score', community.meanScore === null ? '—' : formatPoints(community.meanScore)],
    ['Run', `${community.runId} (${formatCount(community.communities)} communities)`],
  ];
  replaceChildren(
    body,
    h(
      'div',
      { class: 'grid' },
      h(
        'section',
        { class: 'panel community-summary', 'aria-labelledby': 'community-summary-title' },
        h('h2', { id: 'community-summary-title' }, 'Summary'),
        h('dl', { class: 'facts', 'data-testid': 'community-summary' }, facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
        h('h3', {}, 'Band mix'),
        bandMixBar(community.bandMix),
        bandLegend(),
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'community-top-title' },
        h('h2', { id: 'community-top-title' }, 'Most systemically important members'),
        community.influential.length
          ? influenceTable(community.influential, `The population's influence ranking, restricted to this community (top ${community.influential.length})`, 'community-influence')
          : emptyState('No member has a published score.'),
      ),
      h(
        'section',
        { class: 'panel wide', 'aria-labelledby': 'community-members-title' },
        h('h2', { id: 'community-members-title' }, 'Members'),
        personResults(ctx, { community: community.id }, { noun: 'members', total: community.size, testId: 'community-members' }),
      ),
    ),
  );
}
