/**
 * External ids of synthetic persons: `p` + seq zero-padded to the number of digits of N, so
 * ids sort like seqs and stay the same length within one population.
 */

/**
 * External id of person `seq` in a population of `persons`.
 *
 * @example personId(42, 1_000_000) // 'p0000042'
 */
export function personId(seq: number, persons: number): string {
  return `p${String(seq).padStart(String(persons).length, '0')}`;
}

/** Every person id of a population, in seq order (built once by writers). */
export function personIds(persons: number): string[] {
  const width = String(persons).length;
  const ids = new Array<string>(persons);
  for (let seq = 0; seq < persons; seq++) ids[seq] = `p${String(seq).padStart(width, '0')}`;
  return ids;
}
