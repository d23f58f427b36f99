/** Scores in the embedded store, by run and person; a run serves its lineage's newest score. */
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import type { AccessLogPort } from '../ports/access-log.js';
import type { StoredPerson } from '../ports/persons.js';
import type { RunPort } from '../ports/runs.js';
import { assertRangeScores, type LoggedScoreRead, type LoggedScoresRead, type PublishedScoresRead, type ScorePort } from '../ports/scores.js';
import type { PersonSearch, PersonSearchPage } from '../ports/person-search.js';
import { findPersonsIn } from './find-persons.js';
import { clone, type MemoryState } from './memory-state.js';

export class MemoryScoreStore implements ScorePort {
  constructor(
    private readonly state: MemoryState,
    private readonly runs: Pick<RunPort, 'publishedRun'>,
    private readonly accessLog: Pick<AccessLogPort, 'appendAccessLogs'>,
  ) {}

  async writeScores(scores: readonly PersonScore[]): Promise<number[]> {
    const skipped = new Set<number>();
    for (const score of scores) {
      // A chunk that read a person before their erasure writes no score for them after it.
      if (!this.state.persons.has(score.personId)) {
        skipped.add(score.seq);
        continue;
      }
      let byPerson = this.state.scores.get(score.runId);
      if (!byPerson) this.state.scores.set(score.runId, (byPerson = new Map()));
      byPerson.set(score.personId, clone(score));
    }
    return [...skipped].sort((x, y) => x - y);
  }

  async replaceScoresInSeqRange(runId: string, fromSeq: number, toSeq: number, scores: readonly PersonScore[]): Promise<number[]> {
    assertRangeScores(runId, fromSeq, toSeq, scores);
    const byPerson = this.state.scores.get(runId);
    for (const [personId, score] of byPerson ?? []) {
      if (score.seq >= fromSeq && score.seq < toSeq) byPerson!.delete(personId);
    }
    return this.writeScores(scores);
  }

  async scoreIn(run: ScoreRun, personId: string): Promise<PersonScore | undefined> {
    const score = this.state.servedScore(run, personId);
    return score && clone(score);
  }

  async scoresInSeqRange(run: ScoreRun, fromSeq: number, toSeq: number): Promise<PersonScore[]> {
    return this.served(run, this.state.personsInSeqRange(fromSeq, toSeq));
  }

  async scoreValuesInSeqRange(run: ScoreRun, fromSeq: number, toSeq: number): Promise<Float64Array> {
    const values = new Float64Array(Math.max(0, toSeq - fromSeq)).fill(NaN);
    for (const score of await this.scoresInSeqRange(run, fromSeq, toSeq)) values[score.seq - fromSeq] = score.score;
    return values;
  }

  async scoresAtSeqs(run: ScoreRun, seqs: readonly number[]): Promise<PersonScore[]> {
    return this.served(run, this.state.personsAtSeqs(seqs));
  }

  async findPersons(run: ScoreRun, search: PersonSearch): Promise<PersonSearchPage> {
    return findPersonsIn(
      {
        personIds: () => this.state.persons.keys(),
        person: (id) => this.state.persons.get(id),
        served: (id) => this.state.servedScore(run, id),
      },
      search,
    );
  }

  async countScores(runId: string): Promise<number> {
    return this.state.scores.get(runId)?.size ?? 0;
  }

  async scoreHistory(personId: string): Promise<PersonScore[]> {
    return this.state.runsNewestFirst().flatMap((run) => {
      const score = this.state.scores.get(run.id)?.get(personId);
      return score ? [clone(score)] : [];
    });
  }

  async publishedScoresOf(personIds: readonly string[]): Promise<PublishedScoresRead | undefined> {
    const run = await this.runs.publishedRun();
    if (!run) return undefined;
    const persons = personIds.map((personId) => {
      const person = this.state.persons.get(personId);
      const score = this.state.servedScore(run, personId);
      return { personId, person: person && clone(person), score: score && clone(score), events: this.state.eventsOf(personId) };
    });
    return { run, persons };
  }

  async publishedScoresLogged(reads: readonly LoggedScoreRead[]): Promise<LoggedScoresRead | undefined> {
    const read = await this.publishedScoresOf(reads.map((r) => r.personId));
    if (!read) return undefined;
    await this.accessLog.appendAccessLogs(reads.filter((_r, k) => read.persons[k]!.person && read.persons[k]!.score).map((r) => r.entry));
    return {
      run: read.run,
      persons: read.persons.map(({ personId, person, score, events }) => ({
        personId,
        found: person !== undefined,
        score,
        disputedEventIds: events.filter((event) => event.status === 'disputed').map((event) => event.id),
      })),
    };
  }

  /** The persons' scores as `run` serves them, in the persons' order; persons it serves none are left out. */
  private served(run: ScoreRun, persons: readonly StoredPerson[]): PersonScore[] {
    return persons.flatMap((person) => {
      const score = this.state.servedScore(run, person.id);
      return score ? [clone(score)] : [];
    });
  }
}
