/**
 * Writes a synthetic population as the five CSV import files (columns in the README, "Data
 * files"): persons, friendships, transactions, events, outcomes. Rows are streamed in ~1 MiB
 * chunks with backpressure, so a million persons' files never sit in memory, and the bytes
 * depend only on the population (fixed decimals, dates from asOf, no clock): same seed and
 * N → identical files. The hidden variables (risk, community) are not written.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SEXES } from '../domain/records.js';
import { CsvSink } from './csv-sink.js';
import { formatMoney, formatRatio } from './format.js';
import { personIds } from './ids.js';
import { eventsOf, type SyntheticPopulation } from './population.js';

/** One import file: its name and header line. */
interface CsvFile {
  name: string;
  header: string;
}

export const FILES = {
  persons: {
    name: 'persons.csv',
    header:
      'id,verified,account_created,income_monthly,debt_monthly,assets,bills_on_time_ratio,activity_regularity,address_changes,birth_year,sex',
  },
  friendships: { name: 'friendships.csv', header: 'a,b,since,interactions' },
  transactions: { name: 'transactions.csv', header: 'from,to,count,amount,last_at' },
  events: { name: 'events.csv', header: 'id,person_id,kind,at,amount,source,until' },
  outcomes: { name: 'outcomes.csv', header: 'person_id,defaulted' },
} as const;

/** Progress of a write, in rows: persons are counted once per per-person file. */
export interface WriteProgress {
  /** The file being written. */
  file: string;
  /** Units done so far over all files. */
  done: number;
  /** Units in all: 3·N (persons, events by person, outcomes) + friendships + transactions. */
  total: number;
}

export interface WriteOptions {
  /** Called after each chunk (about every MiB) and once per finished file. */
  onProgress?: (progress: WriteProgress) => void;
}

export interface WriteSummary {
  persons: number;
  friendships: number;
  transactions: number;
  events: number;
  /** Bytes written over all five files. */
  bytes: number;
}

/**
 * Streams the population into `dir` (created if missing), overwriting the five files.
 *
 * @example
 * const summary = await writePopulationFiles(generatePopulation({ persons: 1000, seed: 1 }), '/tmp/pop');
 * summary.friendships; // ≈ 5000
 */
export async function writePopulationFiles(
  pop: SyntheticPopulation,
  dir: string,
  options: WriteOptions = {},
): Promise<WriteSummary> {
  await mkdir(dir, { recursive: true });
  const n = pop.persons;
  const ids = personIds(n);
  const label = (days: number): string => pop.dates.label(days);
  const total = 3 * n + pop.friendA.length + pop.paidFrom.length;
  let before = 0;
  const report = (file: string, done: number): void => options.onProgress?.({ file, done: before + done, total });
  let bytes = 0;
  // One file: `count` items (persons or links), each adding its rows; progress after every flush.
  const write = async (file: CsvFile, count: number, rowsOf: (k: number, add: (row: string) => void) => void): Promise<CsvSink> => {
    const sink = new CsvSink(join(dir, file.name), file.header);
    let due = false;
    const add = (row: string) => {
      if (sink.add(row)) due = true;
    };
    for (let k = 0; k < count; k++) {
      rowsOf(k, add);
      if (due) {
        due = false;
        await sink.flush();
        report(file.name, k + 1);
      }
    }
    await sink.close();
    bytes += sink.bytes;
    before += count;
    report(file.name, 0);
    return sink;
  };

  await write(FILES.persons, n, (i, add) =>
    add(
      `${ids[i]},${pop.verified[i] ? 'true' : 'false'},${label(pop.accountAgeDays[i]!)},` +
        `${formatMoney(pop.incomeMonthly[i]!)},${formatMoney(pop.debtMonthly[i]!)},${formatMoney(pop.assets[i]!)},` +
        `${formatRatio(pop.billsOnTimeRatio[i]!)},${formatRatio(pop.activityRegularity[i]!)},` +
        `${pop.addressChanges[i]},${pop.birthYear[i]},${SEXES[pop.sex[i]!]}\n`,
    ),
  );
  const { friendA, friendB, friendSinceDays, friendInteractions } = pop;
  await write(FILES.friendships, friendA.length, (e, add) => add(`${ids[friendA[e]!]},${ids[friendB[e]!]},${label(friendSinceDays[e]!)},${friendInteractions[e]}\n`));
  const { paidFrom, paidTo, paidCount, paidAmount, paidLastDays } = pop;
  await write(FILES.transactions, paidFrom.length, (e, add) =>
    add(`${ids[paidFrom[e]!]},${ids[paidTo[e]!]},${paidCount[e]},${formatMoney(paidAmount[e]!)},${label(paidLastDays[e]!)}\n`),
  );
  const eventSink = await write(FILES.events, n, (i, add) => {
    for (const ev of eventsOf(pop, i)) add(`${ev.id},${ev.personId},${ev.kind},${ev.at},${formatMoney(ev.amount)},${ev.source},${ev.until ?? ''}\n`);
  });
  const events = eventSink.rows;
  await write(FILES.outcomes, n, (i, add) => add(`${ids[i]},${pop.defaulted[i]}\n`));

  return { persons: n, friendships: pop.friendA.length, transactions: pop.paidFrom.length, events, bytes };
}
