/** What a batch upsert did, whatever it wrote (persons, edges, events, outcomes). */

/** `unchanged` rows were already stored with the same values. */
export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
}
