/** The analyst page's hash routes. */
import { describe, expect, it } from 'vitest';
import { communityHash, parseRoute, personHash } from '../../../src/web/routes.js';

describe('parseRoute', () => {
  it('reads the person route with its depth and size, and falls back to safe defaults', () => {
    expect(parseRoute('#/person/p0042?depth=2&max=100')).toEqual({ view: 'person', personId: 'p0042', depth: 2, maxNodes: 100 });
    expect(parseRoute('#/person/p0042?depth=3&max=9999')).toEqual({ view: 'person', personId: 'p0042', depth: 1, maxNodes: 50 });
    expect(parseRoute('#/person')).toEqual({ view: 'person', personId: undefined, depth: 1, maxNodes: 50 });
    expect(parseRoute('#/person/100%')).toMatchObject({ personId: '100%' });
  });

  it('round-trips ids with characters a URL must escape', () => {
    const route = { personId: 'a b/c?d#e', depth: 2 as const, maxNodes: 25 };
    expect(parseRoute(personHash(route))).toEqual({ view: 'person', ...route });
  });

  it('sends anything else to the population view', () => {
    expect(parseRoute('')).toEqual({ view: 'population' });
    expect(parseRoute('#/reports')).toEqual({ view: 'reports' });
    expect(parseRoute('#/nonsense')).toEqual({ view: 'population' });
    expect(parseRoute('#/community/x')).toEqual({ view: 'population' });
    expect(parseRoute('#/community/-1')).toEqual({ view: 'population' });
  });

  it('reads the community route', () => {
    expect(parseRoute(communityHash(30))).toEqual({ view: 'community', communityId: 30 });
    expect(parseRoute('#/community/0')).toEqual({ view: 'community', communityId: 0 });
  });
});
