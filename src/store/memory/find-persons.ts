/**
 * The memory adapter's person search (store.ts, `Store.findPersons`): the same candidates,
 * filters and page as cypher/persons/find.cypher and find-among.cypher, over the maps.
 */
import type { PersonScore } from '../../domain/scores.js';
import { passesFilters, searchPage } from '../person-search-page.js';
import type { PersonMatch, PersonSearch, PersonSearchPage, StoredPerson } from '../store.js';

export interface SearchableStore {
  /** Every stored person id, in any order. */
  personIds(): Iterable<string>;
  person(id: string): StoredPerson | undefined;
  /** The person's score as the searched run serves it. */
  served(personId: string): PersonScore | undefined;
}

export function findPersonsIn(source: SearchableStore, search: PersonSearch): PersonSearchPage {
  const candidates =
    search.among?.slice(0, search.scan) ??
    [...source.personIds()]
      .filter((id) => id.startsWith(search.idPrefix) && id > search.after)
      .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
      .slice(0, search.scan);
  const found: PersonMatch[] = [];
  for (const id of candidates) {
    const person = source.person(id);
    const score = person && source.served(id);
    if (!person || !score) continue;
    const match = { personId: id, seq: person.seq, verified: person.verified, score: score.score, band: score.band };
    if (passesFilters(search, match)) found.push(match);
  }
  return searchPage(search, found, candidates.length, candidates.at(-1));
}
