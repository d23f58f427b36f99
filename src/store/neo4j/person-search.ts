/**
 * The analysts' person search in Neo4j (store.ts, `Store.findPersons`): a range read of the id
 * index in order (cypher/persons/find.cypher), or the given candidates of a community
 * (cypher/persons/find-among.cypher); each bounded by `scan`, filtered in the statement.
 */
import type { ScoreRun } from '../../domain/scores.js';
import { searchPage } from '../person-search-page.js';
import type { PersonMatch, PersonSearch, PersonSearchPage } from '../store.js';
import { int, type Neo4jRunner } from './neo4j-runner.js';
import { BLOCK_SIZE_PARAMS } from './score-blocks.js';

interface MatchRow {
  personId: string;
  seq: number;
  verified: boolean | null;
  score: number;
  band: string;
}

const toMatch = (row: MatchRow): PersonMatch => ({ personId: row.personId, seq: row.seq, verified: row.verified ?? undefined, score: row.score, band: row.band });

export async function findPersonsInNeo4j(runner: Neo4jRunner, run: ScoreRun, search: PersonSearch): Promise<PersonSearchPage> {
  const filters = {
    lineage: run.lineage,
    take: int(search.limit + 1),
    bands: search.bands ? [...search.bands] : null,
    minScore: int(search.minScore),
    maxScore: int(search.maxScore),
    verified: search.verified ?? null,
    ...BLOCK_SIZE_PARAMS,
  };
  if (search.among) {
    const ids = search.among.slice(0, search.scan);
    const rows = await runner.read<MatchRow>('persons/find-among', { ...filters, ids });
    return searchPage(search, rows.map(toMatch), ids.length, ids.at(-1));
  }
  const [row] = await runner.read<{ scanned: number; lastId: string | null; matches: MatchRow[] }>('persons/find', {
    ...filters,
    prefix: search.idPrefix,
    after: search.after,
    scan: int(search.scan),
  });
  return searchPage(search, (row?.matches ?? []).map(toMatch), row?.scanned ?? 0, row?.lastId ?? undefined);
}
