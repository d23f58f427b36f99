/**
 * The page's hash routes (pure, unit-tested):
 *
 *   #/population                      population view (the default)
 *   #/person/<id>?depth=1|2&max=N     person view with the what-if
 *   #/community/<id>                  one community: band mix, most important members, members
 *   #/reports                         evaluation and fairness reports
 *
 * Hash routes keep the back button and shared links working with a plain static file server.
 */
export interface PersonRoute {
  personId?: string;
  depth: 1 | 2;
  maxNodes: number;
}

export type Route = { view: 'population' } | { view: 'reports' } | { view: 'community'; communityId: number } | ({ view: 'person' } & PersonRoute);

/** Persons an ego network may hold (the API's maxNodes bound). */
const MAX_NODES = { fallback: 50, max: 500 };

/**
 * @example
 * parseRoute('#/person/p0042?depth=2&max=100'); // { view: 'person', personId: 'p0042', depth: 2, maxNodes: 100 }
 */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view, ...rest] = path.split('/');
  const params = new URLSearchParams(search);
  if (view === 'person') {
    let personId: string | undefined;
    try {
      personId = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
    } catch {
      personId = rest.join('/'); // a stray % in a hand-typed link: take it literally
    }
    const maxNodes = Number(params.get('max'));
    return {
      view,
      personId: personId || undefined,
      depth: params.get('depth') === '2' ? 2 : 1,
      maxNodes: Number.isInteger(maxNodes) && maxNodes >= 1 && maxNodes <= MAX_NODES.max ? maxNodes : MAX_NODES.fallback,
    };
  }
  if (view === 'reports') return { view };
  if (view === 'community' && rest.length === 1 && /^\d{1,9}$/.test(rest[0]!)) return { view, communityId: Number(rest[0]) };
  return { view: 'population' };
}

export function personHash(route: PersonRoute): string {
  return `#/person/${encodeURIComponent(route.personId ?? '')}?depth=${route.depth}&max=${route.maxNodes}`;
}

export const communityHash = (communityId: number): string => `#/community/${communityId}`;
