/**
 * The sets a first load's files remember their keys in (keyed-csv-file.ts): one `add` that says
 * whether the key is new. Millions of keys each: a person's seq pair is kept in a flat typed
 * array (open addressing), not as millions of heap numbers in a `Set`, which made the collector
 * the load's largest cost.
 */

/** Keys seen so far. */
export interface KeySet<K> {
  /** Adds `key`; true when it was not there before. */
  add(key: K): boolean;
}

/** Any keys, in a `Set`. */
export function setOfKeys<K>(): KeySet<K> {
  const seen = new Set<K>();
  return {
    add(key) {
      const before = seen.size;
      seen.add(key);
      return seen.size > before;
    },
  };
}

const EMPTY = -1;

/**
 * Whole numbers in [0, 2^53) — a pair of seqs packed as `a·2^26 + b` — in a Float64Array table
 * with linear probing, doubled when it is 70% full.
 *
 * @example
 * const pairs = new WholeNumberSet();
 * pairs.add(3 * 2 ** 26 + 7); // true
 * pairs.add(3 * 2 ** 26 + 7); // false
 */
export class WholeNumberSet implements KeySet<number> {
  private table = new Float64Array(1 << 16).fill(EMPTY);
  private size = 0;

  add(key: number): boolean {
    if (!(Number.isInteger(key) && key >= 0 && key < 2 ** 53)) throw new RangeError(`not a whole number in [0, 2^53): ${key}`);
    if (!insert(this.table, key)) return false;
    this.size++;
    if (this.size > this.table.length * 0.7) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2).fill(EMPTY);
    for (const key of old) if (key !== EMPTY) insert(this.table, key);
  }
}

/** Puts `key` into `table` (a power-of-two length); false when it was there. */
function insert(table: Float64Array, key: number): boolean {
  const mask = table.length - 1;
  const high = Math.floor(key / 2 ** 26);
  const low = key - high * 2 ** 26;
  let slot = (Math.imul(high ^ Math.imul(low, 0x9e3779b1), 0x85ebca6b) ^ (low >>> 7)) & mask;
  for (;;) {
    const found = table[slot]!;
    if (found === EMPTY) {
      table[slot] = key;
      return true;
    }
    if (found === key) return false;
    slot = (slot + 1) & mask;
  }
}
