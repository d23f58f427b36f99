/**
 * The analysts' in-memory view of the published run: the CSR snapshot, the propagation result
 * and a contagion workspace, built once per published run id and shared by every request.
 *
 * `current()` asks the store which run is published; when that run id differs from the view
 * it holds, it builds a new one (the run's snapshot image, then propagateNetwork with the run's
 * prior μ semantics), and concurrent callers await the same build. A failed build is
 * forgotten, so the next request tries again. Influence centrality (every network answer but an
 * explanation needs it) is computed with the view, the Louvain communities on first use.
 *
 * Decoding the image, the CSR with trust, the propagation and the influence are seconds of CPU at
 * 1M persons (view/view-parts.ts). A view of at least `threadFromPersons` persons, or one from an
 * image kept encoded in Redis, computes them in a worker thread, so the API's other requests are
 * answered meanwhile (BENCHMARKS.md, "The first network question after a publish").
 *
 * The image is the one the run itself scored with when it is still kept (snapshot-images.ts:
 * Redis in production, memory in embedded mode) — a few seconds for 1M persons, and exactly
 * the run's network. Otherwise the store is read as it is now (minutes for 1M persons); if
 * records changed after the run was scored, the view's network values can then differ from the
 * stored scores, and `explain` reports that (`consistentWithScore`) rather than hiding it.
 */
import { detectCommunities, type CommunityResult } from '../graph/graphology.js';
import { ContagionWorkspace, type InfluenceResult, type NetworkResult, type ScoreWeights } from '../graph/index.js';
import { scoreWeightsOf } from '../analysis/score-weights.js';
import type { ScoreRun } from '../domain/scores.js';
import { readSnapshotImage } from '../jobs/recompute/snapshot.js';
import { plainImage, type Snapshot, type SnapshotImage } from '../jobs/recompute/snapshot-image.js';
import type { SnapshotImages } from '../jobs/recompute/snapshot-images.js';
import type { Model } from '../score/index.js';
import type { Store } from '../store/store.js';
import { viewParts, type ViewParts } from './view/view-parts.js';
import { viewPartsInThread } from './view/view-parts-thread.js';

/** Views of at least this many persons compute their parts in a worker thread (about 0.4 s of CPU at this size). */
export const THREAD_FROM_PERSONS = 20_000;

/** Persons whose published scores are read per store call when a view needs all of them. */
const SCORE_BATCH = 10_000;

/** The published run's network, in memory. */
export interface NetworkView {
  run: ScoreRun;
  snapshot: Snapshot;
  network: NetworkResult;
  workspace: ContagionWorkspace;
  /** Points per unit of own score and network value for the view's model. */
  weights: ScoreWeights;
  /** The seq of a person in the snapshot, or undefined when the person is not in it. */
  seqOf(personId: string): Promise<number | undefined>;
  /** Person id of a snapshot row. */
  idOf(seq: number): string | undefined;
  /** Influence centrality of everyone (computed with the view). */
  influence(): InfluenceResult;
  /** Published score of every snapshot row, NaN where the run has none (loaded on first call). */
  scores(): Promise<Float64Array>;
  /** Louvain communities with mean published scores (computed on first call). */
  communities(): Promise<CommunityResult>;
}

/** Hands out the view of the currently published run. */
export interface NetworkViewProvider {
  /** The view of the published run; undefined when no run is published. */
  current(): Promise<NetworkView | undefined>;
  /**
   * Drops the view held, so the next request builds it from the store as it is now (after an
   * erasure: the erased person must leave the analysts' answers before the next run publishes).
   */
  invalidate?(): void;
}

/** Builds views from a store; one build per published run id, shared by concurrent callers. */
export class PublishedNetworkViews implements NetworkViewProvider {
  private cached: { runId: string; view: Promise<NetworkView> } | undefined;
  /** Views built so far (for tests and metrics). */
  builds = 0;

  /** Views built from a kept image rather than a store read (for tests and metrics). */
  fromImages = 0;
  /** When `invalidate` was last called: images of runs started before then are out of date. */
  private invalidatedAt: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly model: Model,
    /** Where the runs' snapshot images are kept; without it every view reads the store. */
    private readonly images?: SnapshotImages,
    /** Views of at least this many persons (seqs) are computed in a worker thread. */
    private readonly threadFromPersons = THREAD_FROM_PERSONS,
  ) {}

  invalidate(): void {
    this.cached = undefined;
    this.invalidatedAt = new Date().toISOString();
  }

  async current(): Promise<NetworkView | undefined> {
    const run = await this.store.publishedRun();
    if (!run) return undefined;
    if (this.cached?.runId !== run.id) {
      const view = this.build(run);
      const entry = { runId: run.id, view };
      this.cached = entry;
      view.catch(() => {
        if (this.cached === entry) this.cached = undefined;
      });
    }
    return this.cached.view;
  }

  /**
   * From the run's kept image when it fits the run and this model and nothing was invalidated
   * since the run started (an erased person must leave the view at once); else from a read of
   * the store now.
   */
  private async partsOf(run: ScoreRun): Promise<ViewParts> {
    const current = this.invalidatedAt === undefined || run.startedAt > this.invalidatedAt;
    // Redis away, or a damaged image: read the store.
    const kept = current && this.images ? await this.keptParts(this.images, run.id).catch(() => undefined) : undefined;
    if (kept && kept.asOf === run.asOf && kept.modelVersion === this.model.version) {
      this.fromImages++;
      return kept;
    }
    return this.partsOfImage(await readSnapshotImage(this.store, this.model, run.asOf));
  }

  private async keptParts(images: SnapshotImages, runId: string): Promise<ViewParts | undefined> {
    const encoded = await images.loadEncoded?.(runId);
    if (encoded) return viewPartsInThread({ encoded, model: this.model });
    const image = await images.load(runId);
    return image && this.partsOfImage(image);
  }

  private partsOfImage(image: SnapshotImage): ViewParts | Promise<ViewParts> {
    if (image.ids.length < this.threadFromPersons) return viewParts(image, this.model);
    // What is kept in memory only (a patch's change, the run's trusted CSR and transition, own parts) stays here.
    return viewPartsInThread({ image: plainImage(image), model: this.model });
  }

  private async build(run: ScoreRun): Promise<NetworkView> {
    this.builds++;
    const { store, model } = this;
    const { snapshot, network, influence } = await this.partsOf(run);
    const workspace = new ContagionWorkspace(snapshot.csr, network);
    const weights = scoreWeightsOf(model);
    const n = snapshot.csr.nodeCount;
    let scores: Promise<Float64Array> | undefined;
    let communities: Promise<CommunityResult> | undefined;
    const loadScores = async (): Promise<Float64Array> => {
      const values = new Float64Array(n);
      for (let from = 0; from < n; from += SCORE_BATCH) values.set(await store.scoreValuesInSeqRange(run, from, Math.min(n, from + SCORE_BATCH)), from);
      return values;
    };
    const allScores = () => (scores ??= loadScores());
    return {
      run,
      snapshot,
      network,
      workspace,
      weights,
      async seqOf(personId) {
        const person = await store.getPerson(personId);
        return person && person.seq < n && snapshot.ids[person.seq] === personId ? person.seq : undefined;
      },
      idOf: (seq) => snapshot.ids[seq],
      influence: () => influence,
      scores: allScores,
      communities() {
        communities ??= allScores().then((values) => detectCommunities(snapshot.csr, { scores: values }));
        return communities;
      },
    };
  }
}
