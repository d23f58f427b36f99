/**
 * The CSV grammar of tiescore's data files, read a chunk at a time: fields separated by commas;
 * a field that starts with `"` is quoted and may hold commas, line breaks and doubled quotes
 * (`""` is one `"`); a row ends with LF or CRLF, whichever each row has (a lone CR is data); a
 * byte-order mark at the very start is dropped; empty lines are skipped. A quote anywhere else —
 * inside an unquoted field, or a closing quote followed by anything but a comma or a line end — and
 * a quote still open at the end of the file make the rest of the file unreadable: the reader hands
 * out the records before the break and then stops, with the break in `failure`.
 *
 * Each record comes with the line it ends on (the line of its last line break, or the last line).
 * The reader returns the whole records of each chunk at once, so an import works a batch of rows
 * at a time instead of awaiting every row. It is synchronous and pure; reading the file is the
 * caller's (read-rows.ts). test/unit/import/csv-records.test.ts checks it against csv-parse.
 */

export interface CsvRecord {
  /** The line the record ends on, from 1. */
  line: number;
  cells: string[];
}

/** Broken quoting: nothing from `line` on can be read as rows. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Line breaks (LF) in `text` from `from` to `to`. */
function lineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) breaks++;
  return breaks;
}

/**
 * @example
 * const reader = new CsvRecordReader();
 * reader.records('id,name\np1,"Ann, B');   // [{ line: 1, cells: ['id', 'name'] }]
 * reader.records('."\n', true);            // [{ line: 2, cells: ['p1', 'Ann, B.'] }]
 * reader.failure;                          // undefined
 */
export class CsvRecordReader {
  /** Text of a record not finished in the previous chunk. */
  private rest = '';
  /** The line `rest` starts on. */
  private line = 1;
  private started = false;
  /** Why the reader stopped: the text from `failure.line` on is not CSV. */
  failure: CsvSyntaxError | undefined;

  /**
   * The records completed by `chunk` (after what was left of the previous one); `final` says the
   * file ends here, so the last record ends with it. After a failure, none.
   */
  records(chunk: string, final = false): CsvRecord[] {
    if (this.failure) return [];
    let text = this.rest + chunk;
    if (!this.started && (text.length > 0 || final)) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: CsvRecord[] = [];
    const n = text.length;
    let at = 0;
    let line = this.line;
    while (at < n) {
      const first = text.charCodeAt(at);
      if (first === LF) {
        at++;
        line++;
        continue;
      }
      if (first === CR && at + 1 < n && text.charCodeAt(at + 1) === LF) {
        at += 2;
        line++;
        continue;
      }
      if (first === CR && at + 1 === n && !final) break; // a CRLF split between chunks
      let record: ReturnType<CsvRecordReader['record']>;
      try {
        record = this.record(text, at, line, final);
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error;
        this.failure = error;
        break;
      }
      if (record === undefined) break; // finished by a later chunk
      out.push({ line: record.line, cells: record.cells });
      at = record.next;
      line = record.nextLine;
    }
    this.rest = text.slice(at);
    this.line = line;
    return out;
  }

  /** The record starting at `start`, or undefined when the text ends before it does (and is not final). */
  private record(text: string, start: number, startLine: number, final: boolean): { cells: string[]; line: number; next: number; nextLine: number } | undefined {
    const n = text.length;
    const cells: string[] = [];
    let at = start;
    let line = startLine;
    for (;;) {
      if (at < n && text.charCodeAt(at) === QUOTE) {
        // A quoted field: up to the quote that is not doubled.
        let from = at + 1;
        let value = '';
        let close: number;
        for (;;) {
          close = text.indexOf('"', from);
          if (close < 0 || (close + 1 === n && !final)) {
            if (!final) return undefined;
            throw new CsvSyntaxError(line, `a quoted field opened on line ${line} is not closed at the end of the file`);
          }
          if (close + 1 < n && text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          break;
        }
        cells.push(value + text.slice(from, close));
        line += lineBreaks(text, at, close);
        at = close + 1;
        if (at === n) return { cells, line, next: at, nextLine: line };
        const after = text.charCodeAt(at);
        if (after === COMMA) {
          at++;
          if (at === n && final) return { cells: [...cells, ''], line, next: at, nextLine: line };
          continue;
        }
        if (after === LF) return { cells, line, next: at + 1, nextLine: line + 1 };
        if (after === CR && at + 1 < n && text.charCodeAt(at + 1) === LF) return { cells, line, next: at + 2, nextLine: line + 1 };
        if (after === CR && at + 1 === n && !final) return undefined;
        throw new CsvSyntaxError(line, `a closing quote is followed by ${JSON.stringify(text[at])} where a comma or the end of the line must be`);
      }
      // An unquoted field: up to the next comma or line end; no quote inside.
      let end = at;
      let stop = -1;
      for (; end < n; end++) {
        stop = text.charCodeAt(end);
        if (stop === COMMA || stop === LF || stop === QUOTE) break;
      }
      if (end === n) {
        if (!final) return undefined;
        cells.push(text.slice(at, end));
        return { cells, line, next: end, nextLine: line };
      }
      if (stop === QUOTE) throw new CsvSyntaxError(line, `a quote inside field ${cells.length + 1}, which does not start with one (quote the whole field and double the quotes in it)`);
      const cellEnd = stop === LF && end > at && text.charCodeAt(end - 1) === CR ? end - 1 : end;
      cells.push(text.slice(at, cellEnd));
      if (stop === LF) return { cells, line, next: end + 1, nextLine: line + 1 };
      at = end + 1;
      if (at === n && final) return { cells: [...cells, ''], line, next: at, nextLine: line };
    }
  }
}
