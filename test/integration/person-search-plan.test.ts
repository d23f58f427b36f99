// The analysts' person search is indexed and bounded in Neo4j: the planner reads the person_id
// index in order (a range seek, no sort of all persons), stops after $scan persons, and finds a
// community's candidates and every score by index seeks (no label scan).
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { useQueryPlans } from '../support/query-plans.js';

const FILTERS = { lineage: ['r1', 'r0'], take: neo4j.int(51), bands: ['poor'], minScore: neo4j.int(350), maxScore: neo4j.int(950), verified: true };

describe('person search plans (neo4j)', () => {
  const planOf = useQueryPlans();

  it('persons/find: a range seek on the id index in index order, limited before the scores are read', async () => {
    const plan = await planOf('persons/find', { ...FILTERS, prefix: 'p0', after: 'p0042', scan: neo4j.int(2000) });
    const names = plan.map((op) => op.operatorType.replace(/@.*$/, ''));
    expect(names.some((name) => /^NodeUniqueIndexSeekByRange|^NodeIndexSeekByRange/.test(name))).toBe(true);
    expect(names).not.toContain('NodeByLabelScan');
    expect(names).not.toContain('AllNodesScan');
    // Sorted by the index: no Sort or Top over the persons read.
    expect(names.filter((name) => /^(Sort|Top|PartialSort|PartialTop)$/.test(name))).toEqual([]);
    expect(names).toContain('Limit');
  });

  it('persons/find-among: each candidate by a seek on the id index', async () => {
    const plan = await planOf('persons/find-among', { ...FILTERS, ids: ['p0001', 'p0002'] });
    const names = plan.map((op) => op.operatorType.replace(/@.*$/, ''));
    expect(names.some((name) => /^NodeUniqueIndexSeek$|^NodeIndexSeek$/.test(name))).toBe(true);
    expect(names).not.toContain('NodeByLabelScan');
    expect(names).not.toContain('AllNodesScan');
  });
});
