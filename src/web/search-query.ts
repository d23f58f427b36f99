/**
 * The query string of GET /v1/persons from the page's filters (pure, unit-tested): only the
 * filters set, band ids comma-separated, as the API reads them.
 */
export interface PersonFilters {
  idPrefix?: string;
  bands?: readonly string[];
  minScore?: number;
  maxScore?: number;
  community?: number;
  verified?: boolean;
}

/**
 * @example
 * searchQuery({ idPrefix: 'p01', bands: ['poor', 'fair'] }, 50); // 'idPrefix=p01&band=poor%2Cfair&limit=50'
 */
export function searchQuery(filters: PersonFilters, limit: number, cursor?: string): string {
  const params = new URLSearchParams();
  if (filters.idPrefix) params.set('idPrefix', filters.idPrefix);
  if (filters.bands?.length) params.set('band', filters.bands.join(','));
  if (filters.minScore !== undefined) params.set('minScore', String(filters.minScore));
  if (filters.maxScore !== undefined) params.set('maxScore', String(filters.maxScore));
  if (filters.community !== undefined) params.set('community', String(filters.community));
  if (filters.verified !== undefined) params.set('verified', String(filters.verified));
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}
