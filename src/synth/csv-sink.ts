/**
 * A CSV file written in ~1 MiB chunks. Each row is copied into an off-heap chunk Buffer as
 * soon as it is added, so row strings die young (cheap for the GC: a string rope that grew to
 * a MiB would survive into the old generation first), and a full chunk is handed to the file
 * stream, waiting for `drain` when the stream is over its high-water mark, so memory stays
 * flat however large the file gets. The caller checks `add`'s result and awaits `flush()` only
 * then, which keeps promises out of the per-row cost.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

export const CHUNK_BYTES = 1 << 20;
/** Longest row `add` accepts; a chunk is due once less than this is left in it. */
export const MAX_ROW_BYTES = 4096;

export class CsvSink {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly stream: WriteStream;
  /** Data rows added so far (header excluded). */
  rows = 0;
  /** Bytes handed to the file so far. */
  bytes = 0;

  /**
   * @example
   * const sink = new CsvSink('/tmp/x.csv', 'a,b');
   * if (sink.add('1,2\n')) await sink.flush();
   * await sink.close();
   */
  constructor(
    readonly path: string,
    header: string,
  ) {
    this.stream = createWriteStream(path, { highWaterMark: 4 * CHUNK_BYTES }); // a few chunks in flight
    // Errors surface through flush/close (once/finished reject on 'error'); keep them from
    // becoming an unhandled 'error' event in between.
    this.stream.on('error', () => {});
    this.append(`${header}\n`);
  }

  /**
   * Appends one ASCII row (with its newline, at most MAX_ROW_BYTES); true when the chunk is
   * nearly full and `flush` is due.
   */
  add(row: string): boolean {
    this.append(row);
    this.rows++;
    return this.used > CHUNK_BYTES - MAX_ROW_BYTES;
  }

  private append(text: string): void {
    if (text.length > MAX_ROW_BYTES) throw new Error(`synth/csv-sink: row of ${text.length} characters in ${this.path}`);
    if (this.used + text.length > this.chunk.length) {
      // Only when a caller adds several rows between checks: grow rather than truncate.
      const bigger = Buffer.allocUnsafe(2 * this.chunk.length);
      this.chunk.copy(bigger, 0, 0, this.used);
      this.chunk = bigger;
    }
    this.used += this.chunk.write(text, this.used, 'latin1');
  }

  /** Hands the chunk to the stream, waiting while the stream is over its high-water mark. */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES); // the stream keeps `full` until it is written
    this.bytes += this.used;
    this.used = 0;
    if (this.stream.errored) throw this.stream.errored;
    if (!this.stream.write(full)) await once(this.stream, 'drain');
  }

  /** Flushes the rest and waits until the file is complete on disk. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
