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

  {
    const sink = new CsvSink(join(dir, FILES.persons.name), FILES.persons.header);
    for (let i = 0; i < n; i++) {
      const row =
        `${ids[i]},${pop.verified[i] ? 'true' : 'false'},${label(pop.accountAgeDays[i]!)},` +
        `${formatMoney(pop.incomeMonthly[i]!)},${formatMoney(pop.debtMonthly[i]!)},${formatMoney(pop.assets[i]!)},` +
        `${formatRatio(pop.billsOnTimeRatio[i]!)},${formatRatio(pop.activityRegularity[i]!)},` +
        `${pop.addressChanges[i]},${pop.birthYear[i]},${SEXES[pop.sex[i]!]}\n`;
      if (sink.add(row)) {
        await sink.flush();
        report(FILES.persons.name, i + 1);
      }
    }
    await sink.close();
    bytes += sink.bytes;
    before += n;
    report(FILES.persons.name, 0);
  }

  {
    const { friendA, friendB, friendSinceDays, friendInteractions } = pop;
    const m = friendA.length;
    const sink = new CsvSink(join(dir, FILES.friendships.name), FILES.friendships.header);
    for (let e = 0; e < m; e++) {
      const row = `${ids[friendA[e]!]},${ids[friendB[e]!]},${label(friendSinceDays[e]!)},${friendInteractions[e]}\n`;
      if (sink.add(row)) {
        await sink.flush();
        report(FILES.friendships.name, e + 1);
      }
    }
    await sink.close();
    bytes += sink.bytes;
    before += m;
    report(FILES.friendships.name, 0);
  }

  {
    const { paidFrom, paidTo, paidCount, paidAmount, paidLastDays } = pop;
    const m = paidFrom.length;
    const sink = new CsvSink(join(dir, FILES.transactions.name), FILES.transactions.header);
    for (let e = 0; e < m; e++) {
      const row = `${ids[paidFrom[e]!]},${ids[paidTo[e]!]},${paidCount[e]},${formatMoney(paidAmount[e]!)},${label(paidLastDays[e]!)}\n`;
      if (sink.add(row)) {
        await sink.flush();
        report(FILES.transactions.name, e + 1);
      }
    }
    await sink.close();
    bytes += sink.bytes;
    before += m;
    report(FILES.transactions.name, 0);
  }

  let events = 0;
  {
    const sink = new CsvSink(join(dir, FILES.events.name), FILES.events.header);
    for (let i = 0; i < n; i++) {
      for (const ev of eventsOf(pop, i)) {
        const row = `${ev.id},${ev.personId},${ev.kind},${ev.at},${formatMoney(ev.amount)},${ev.source},${ev.until ?? ''}\n`;
        if (sink.add(row)) {
          await sink.flush();
          report(FILES.events.name, i + 1);
        }
      }
    }
    await sink.close();
    events = sink.rows;
    bytes += sink.bytes;
    before += n;
    report(FILES.events.name, 0);
  }

  {
    const sink = new CsvSink(join(dir, FILES.outcomes.name), FILES.outcomes.header);
    for (let i = 0; i < n; i++) {
      if (sink.add(`${ids[i]},${pop.defaulted[i]}\n`)) {
        await sink.flush();
        report(FILES.outcomes.name, i + 1);
      }
    }
    await sink.close();
    bytes += sink.bytes;
    before += n;
    report(FILES.outcomes.name, 0);
  }

  return { persons: n, friendships: pop.friendA.length, transactions: pop.paidFrom.length, events, bytes };
}
