/** What the reports read in the embedded store, and the observed outcomes with a change counter. */
import type { Outcome } from '../../domain/outcomes.js';
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import type { ReportPort, ReportRow } from '../ports/reports.js';
import type { UpsertResult } from '../ports/upsert-result.js';
import type { MemoryState } from './memory-state.js';

export class MemoryReportStore implements ReportPort {
  constructor(private readonly state: MemoryState) {}

  async reportRowsIn(run: ScoreRun): Promise<ReportRow[]> {
    const { state } = this;
    const rows: ReportRow[] = [];
    // Straight from the maps (no per-person clone of the whole score): one pass over 100k persons.
    const lineage = run.lineage.map((runId) => state.scores.get(runId)).filter((scores) => scores !== undefined);
    for (const person of state.seqIndex) {
      if (!person) continue; // an erased person's seq
      let score: PersonScore | undefined;
      for (const scores of lineage) if ((score = scores.get(person.id))) break;
      if (!score) continue;
      rows.push({
        personId: person.id,
        seq: person.seq,
        score: score.score,
        band: score.band,
        dimensions: { ...score.dimensions },
        creditEvents: this.creditEventsAt(person.id, run.asOf),
        ...(person.birthYear === undefined ? {} : { birthYear: person.birthYear }),
        ...(person.sex === undefined ? {} : { sex: person.sex }),
        ...(state.outcomes.has(person.id) ? { defaulted: state.outcomes.get(person.id) } : {}),
      });
    }
    return rows;
  }

  async upsertOutcomes(outcomes: readonly Outcome[]): Promise<UpsertResult> {
    const { state } = this;
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const outcome of outcomes) {
      if (!state.persons.has(outcome.personId)) continue;
      const existing = state.outcomes.get(outcome.personId);
      if (existing === outcome.defaulted) {
        result.unchanged++;
        continue;
      }
      state.outcomes.set(outcome.personId, outcome.defaulted);
      if (existing === undefined) result.created++;
      else result.updated++;
    }
    if (result.created + result.updated > 0) state.outcomesChanges++;
    return result;
  }

  async outcomesRevision(): Promise<string | undefined> {
    return this.state.outcomes.size === 0 ? undefined : `memory-${this.state.outcomesChanges}`;
  }

  /** The person's credit events on record at `asOf` and not removed by a dispute. */
  private creditEventsAt(personId: string, asOf: string): number {
    let count = 0;
    for (const id of this.state.eventsByPerson.get(personId) ?? []) {
      const event = this.state.events.get(id)!;
      if (event.status !== 'removed' && event.at <= asOf) count++;
    }
    return count;
  }
}
