/**
 * One bulk-import CSV file written as rows arrive, keyed like the upsert it stands in for: the first
 * row of a key is written at once; a later row of the same key replaces it (as a second upsert of
 * the key would), kept aside and put in place of the first row's line when the file is closed — a
 * rewrite that happens only when a key was repeated, which a clean export never does.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { setOfKeys, type KeySet } from './key-sets.js';

export class KeyedCsvFile<K, T> {
  private readonly out: WriteStream;
  private readonly later = new Map<K, T>();
  private pending = '';

  /**
   * @param keyOfCells the key of a line of this file, from its parsed cells (for the rewrite)
   * @param lineOf the line of `row`, given the cells of the line it replaces (to keep, e.g., a seq)
   * @param seen where the keys added are kept (key-sets.ts; a `Set` by default). A file whose
   *   keys are known elsewhere (has-event's by the events file, persons' by the seqs) is given
   *   each row with `follow` and keeps none.
   */
  constructor(
    private readonly path: string,
    private readonly header: string,
    private readonly keyOfCells: (cells: string[]) => K,
    private readonly lineOf: (row: T, replaced: string[]) => string,
    private readonly seen: KeySet<K> = setOfKeys(),
  ) {
    this.out = createWriteStream(path);
    this.pending = `${header}\n`;
  }

  /** Adds the row of `key` (its line when the key is new); says whether the key was new. */
  add(key: K, row: T, line: () => string): 'created' | 'updated' {
    return this.follow(key, row, line, this.seen.add(key) ? 'created' : 'updated');
  }

  /** Adds the row of `key`, whose status (new or repeated) is known elsewhere. */
  follow(key: K, row: T, line: () => string, status: 'created' | 'updated'): 'created' | 'updated' {
    if (status === 'updated') this.later.set(key, row);
    else this.pending += line();
    return status;
  }

  /** Writes what was added since the last flush, waiting while the disk is behind. */
  async flush(): Promise<void> {
    if (this.pending === '') return;
    const chunk = this.pending;
    this.pending = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    if (this.later.size > 0) await this.rewrite();
  }

  private async rewrite(): Promise<void> {
    const next = `${this.path}.next`;
    const out = createWriteStream(next);
    out.write(`${this.header}\n`);
    const rows = createReadStream(this.path).pipe(parse({ from_line: 2, raw: true }));
    for await (const { record, raw } of rows as AsyncIterable<{ record: string[]; raw: string }>) {
      const replacement = this.later.get(this.keyOfCells(record));
      const text = replacement === undefined ? `${raw.replace(/\r?\n$/, '')}\n` : this.lineOf(replacement, record);
      if (!out.write(text)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await rename(next, this.path);
  }
}
