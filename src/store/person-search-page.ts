/**
 * The page of a person search, cut the same way by both store adapters (store.ts,
 * `PersonSearch`): the matches found among the candidates read, the first `limit` of them, and
 * where the next call continues.
 */
import type { PersonMatch, PersonSearch, PersonSearchPage } from './store.js';

/**
 * @param found the matches among the candidates read, ascending by id (at least `limit + 1` of
 *   them when there are that many: one more than a page tells that the page is full)
 * @param scanned the candidates read
 * @param lastRead the id of the last candidate read (undefined when none was read)
 *
 * @example
 * searchPage({ limit: 2, scan: 10 } as PersonSearch, [a, b, c], 7, 'p7'); // { matches: [a, b], scanned: 7, resumeAfter: b.personId }
 */
export function searchPage(search: Pick<PersonSearch, 'limit' | 'scan'>, found: readonly PersonMatch[], scanned: number, lastRead: string | undefined): PersonSearchPage {
  const matches = found.slice(0, search.limit);
  let resumeAfter: string | undefined;
  if (found.length > search.limit) resumeAfter = matches.at(-1)!.personId;
  else if (scanned >= search.scan) resumeAfter = lastRead;
  return { matches, scanned, resumeAfter };
}

/** Whether a served score passes the search's score, band and verification filters. */
export function passesFilters(search: PersonSearch, match: PersonMatch): boolean {
  return (
    match.score >= search.minScore &&
    match.score <= search.maxScore &&
    (search.bands === undefined || search.bands.includes(match.band)) &&
    (search.verified === undefined || (match.verified ?? false) === search.verified)
  );
}
