/**
 * An analysts' search of the persons a run serves a score for (`Store.findPersons`): candidates
 * are read in ascending id order (code-unit order, as Cypher compares the ASCII ids), at most
 * `scan` of them, and those passing every filter are matches.
 */
export interface PersonSearch {
  /** Only ids starting with this ('' for all). */
  idPrefix: string;
  /** Only ids greater than this (the cursor of the previous page); '' from the start. */
  after: string;
  /**
   * The candidates themselves instead of the id index (a community's members): ascending, each
   * starting with `idPrefix` and greater than `after`, at most `scan` of them (the caller cuts).
   */
  among?: readonly string[] | undefined;
  /** Band ids a match must have; undefined for any. */
  bands?: readonly string[] | undefined;
  /** Served score bounds, inclusive. */
  minScore: number;
  maxScore: number;
  /** true: verified persons only; false: persons not known to be verified; undefined: both. */
  verified?: boolean | undefined;
  /** Matches returned at most. */
  limit: number;
  /** Candidates read at most (the bound of one call, however selective the filters). */
  scan: number;
}

/** One person a search found: what the search shows of them. */
export interface PersonMatch {
  personId: string;
  seq: number;
  verified: boolean | undefined;
  score: number;
  band: string;
}

/** A page of a search (`Store.findPersons`). */
export interface PersonSearchPage {
  /** At most `limit`, in ascending id order. */
  matches: PersonMatch[];
  /** The candidates read. */
  scanned: number;
  /**
   * Where the next call continues (its `after`): the last match returned when more matches were
   * read than returned, else the last candidate read when the `scan` bound stopped the read;
   * undefined when every candidate was read.
   */
  resumeAfter: string | undefined;
}
