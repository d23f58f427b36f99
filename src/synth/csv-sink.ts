/**
 * A CSV file written in ~1 MiB chunks: rows are appended to a string buffer, and a full
 * buffer is handed to the file stream, waiting for `drain` when the stream says it is full,
 * so memory stays flat however large the file gets. The caller checks `add`'s result and
 * awaits `flush()` only then, which keeps the per-row cost free of promises.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

export const CHUNK_CHARS = 1 << 20;

export class CsvSink {
  private buffer = '';
  private readonly stream: WriteStream;
  /** Data rows added so far (header excluded). */
  rows = 0;
  /** Characters written so far (= bytes: the files are ASCII). */
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
    this.stream = createWriteStream(path, { highWaterMark: 4 * CHUNK_CHARS }); // a few chunks in flight
    // Errors surface through flush/close (once/finished reject on 'error'); keep them from
    // becoming an unhandled 'error' event in between.
    this.stream.on('error', () => {});
    this.buffer = `${header}\n`;
  }

  /** Appends one row (with its newline); true when the buffer is full and `flush` is due. */
  add(row: string): boolean {
    this.buffer += row;
    this.rows++;
    return this.buffer.length >= CHUNK_CHARS;
  }

  /** Hands the buffer to the stream, waiting while the stream is over its high-water mark. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    this.bytes += chunk.length;
    if (this.stream.errored) throw this.stream.errored;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Flushes the rest and waits until the file is complete on disk. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
