/**
 * Splitting of write batches: into chunks of at most `BATCH_SIZE` rows (one transaction each)
 * and, inside a chunk, into rounds whose keys are distinct, so one statement never sees the same
 * key twice and a repeated key is applied in order, exactly as if the rows came one by one.
 */

/** Rows per write transaction (CONVENTIONS.md: about 10k rows a batch). */
export const BATCH_SIZE = 10_000;

/** Consecutive slices of at most `size` items. */
export function chunks<T>(items: readonly T[], size: number = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** The distinct seqs, ascending, in chunks of at most BATCH_SIZE: the parameters of the reads by seq. */
export function seqChunks(seqs: readonly number[]): number[][] {
  return chunks([...new Set(seqs)].sort((x, y) => x - y));
}

/**
 * `work` on every item, at most `limit` at a time; the results in the items' order. After a
 * failure no further item is started, and the call rejects with the first error.
 */
export async function inFlight<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const k = next++;
      try {
        results[k] = await work(items[k]!);
      } catch (error) {
        next = items.length;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * Rounds of rows with distinct keys, in input order: round r holds the (r+1)-th occurrence of
 * each key. With no repeated key (the usual case) there is a single round, the input itself.
 *
 * @example
 * rounds([{ id: 'a' }, { id: 'b' }, { id: 'a' }], (row) => row.id); // [[a, b], [a]]
 */
export function rounds<T>(rows: readonly T[], key: (row: T) => string): T[][] {
  const seen = new Map<string, number>();
  const out: T[][] = [];
  for (const row of rows) {
    const k = key(row);
    const round = seen.get(k) ?? 0;
    seen.set(k, round + 1);
    (out[round] ??= []).push(row);
  }
  return out;
}

/**
 * The map of a merge-patch (applied with `+=` in runs/update, disputes/update): every key the caller gave, except `fixed` ones,
 * with its stored value from `stored` (default: the patch itself). A key given as undefined
 * becomes null, which removes the property — as a spread `{ ...record, ...patch }` would clear it.
 *
 * @example
 * patchProps({ status: 'complete', note: undefined }); // { status: 'complete', note: null }
 */
export function patchProps(
  patch: object,
  stored: Record<string, unknown> = patch as Record<string, unknown>,
  fixed: readonly string[] = ['id'],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(patch)) {
    if (!fixed.includes(name)) out[name] = stored[name] ?? null;
  }
  return out;
}

/**
 * Copy of `record` without its `undefined` (and `null`) values: an absent optional field stays
 * absent in the graph rather than becoming a null that would never compare equal.
 */
export function definedOnly<T extends object>(record: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [name, value] of Object.entries(record) as [keyof T, T[keyof T]][]) {
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}
