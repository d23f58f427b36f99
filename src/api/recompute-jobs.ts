/**
 * The API's view of recompute jobs: enqueue one, read its progress. Two adapters:
 * - `bullmqRecomputeJobs` (production): the BullMQ `recompute` queue that `tiescore worker`
 *   processes; a job's id is its run id.
 * - `InlineRecomputeJobs` (embedded mode, tests): runs `recomputeInline` in this process, one
 *   run at a time, in enqueue order.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { enqueueRecompute } from '../jobs/bullmq/enqueue.js';
import type { RecomputeJobData, RecomputeProgress } from '../jobs/bullmq/job-data.js';
import type { RecomputeOutcome } from '../jobs/bullmq/recompute-processor.js';
import { recomputeInline } from '../jobs/recompute/inline-runner.js';
import { incrementalBase, NoIncrementalBaseError } from '../jobs/recompute/run-lifecycle.js';
import type { Model } from '../score/index.js';
import type { Store } from '../store/store.js';
import { ApiProblem } from './problem.js';

export const JOB_STATES = ['waiting', 'delayed', 'prioritized', 'active', 'waiting-children', 'completed', 'failed', 'unknown'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A recompute job as the API shows it. */
export interface JobView {
  id: string;
  state: JobState;
  /** The run the job produces, once known. */
  runId?: string | undefined;
  /** Why the job was enqueued (e.g. `dispute dsp_… upheld`). */
  reason?: string | undefined;
  kind?: 'full' | 'incremental' | undefined;
  asOf?: string | undefined;
  progress?: RecomputeProgress | undefined;
  /** When the job was created (ISO instant). */
  createdAt: string;
  finishedAt?: string | undefined;
  published?: boolean | undefined;
  failedReason?: string | undefined;
}

export interface RecomputeRequest {
  /** `full` (default) or `incremental`: only what changed since the published run, at its as-of date. */
  kind?: 'full' | 'incremental' | undefined;
  /** Scoring date YYYY-MM-DD of a full run; default today (UTC). */
  asOf?: string | undefined;
  /** Recorded with the job. */
  reason: string;
}

export interface RecomputeJobs {
  enqueue(request: RecomputeRequest): Promise<JobView>;
  get(id: string): Promise<JobView | undefined>;
  /** Throws when the backing service (Redis) does not answer. */
  ping(): Promise<void>;
}

/** Recompute jobs on the BullMQ queue the workers process. */
const REASON_PREFIX = 'reason: ';

/** Redis errors become a 503 problem: the queue is away, the request may be retried. */
async function viaRedis<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new ApiProblem('service-unavailable', `the job queue (Redis) is not reachable: ${(error as Error).message.split('\n')[0]}`, { headers: { 'Retry-After': '10' } });
  }
}

/** `redis` answers the readiness ping (the queue's own connection is fine). */
export function bullmqRecomputeJobs(queue: Queue, model: Model, redis: Pick<Redis, 'ping'>): RecomputeJobs {
  return {
    enqueue: ({ kind, asOf, reason }) => viaRedis(async () => {
      const job = await enqueueRecompute(queue, model, { kind, asOf });
      // The reason goes to the job's log, not its data: the worker owns the data (its resume point).
      await job.log(`${REASON_PREFIX}${reason}`);
      return {
        id: job.id!,
        state: 'waiting',
        runId: job.data.runId,
        reason,
        kind: job.data.kind,
        asOf: job.data.asOf,
        createdAt: new Date(job.timestamp).toISOString(),
      };
    }),
    get: (id) => viaRedis(async () => {
      const job = await queue.getJob(id);
      if (!job) return undefined;
      const data = job.data as RecomputeJobData;
      const { logs } = await queue.getJobLogs(id, 0, 0);
      const reason = logs[0]?.startsWith(REASON_PREFIX) ? logs[0].slice(REASON_PREFIX.length) : undefined;
      const state = (await job.getState()) as string;
      const outcome = job.returnvalue as RecomputeOutcome | null | undefined;
      const progress = job.progress;
      return {
        id: job.id ?? id,
        state: (JOB_STATES as readonly string[]).includes(state) ? (state as JobState) : 'unknown',
        runId: data.runId,
        reason,
        kind: data.kind,
        asOf: data.asOf,
        progress: typeof progress === 'object' && progress !== null ? (progress as RecomputeProgress) : undefined,
        createdAt: new Date(job.timestamp).toISOString(),
        finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
        published: outcome ? outcome.published : undefined,
        failedReason: job.failedReason || undefined,
      } satisfies JobView;
    }),
    async ping() {
      await redis.ping();
    },
  };
}

/**
 * Enqueues the recompute that applies a change to a few persons (a resolved dispute, an
 * erasure): incremental — the changed persons and everyone whose score they move —
 * when the published run can be built on, a full run otherwise (none published yet, or the
 * published run's chain of incremental runs is at its limit).
 */
export async function enqueueTargetedRecompute(jobs: RecomputeJobs, store: Store, reason: string): Promise<JobView> {
  const canBuildOn = await incrementalBase(store).then(
    () => true,
    (error: unknown) => {
      if (error instanceof NoIncrementalBaseError) return false;
      throw error; // the store could not say: not a reason to start a full run
    },
  );
  return jobs.enqueue({ kind: canBuildOn ? 'incremental' : 'full', reason });
}

/** Recompute jobs run inline, one at a time (embedded mode and tests). */
export class InlineRecomputeJobs implements RecomputeJobs {
  private readonly jobs = new Map<string, JobView>();
  private tail: Promise<void> = Promise.resolve();
  private next = 1;

  constructor(
    private readonly store: Store,
    private readonly model: Model,
    private readonly options: { keepRuns?: number; now?: () => Date; /** as-of date when a request names none */ defaultAsOf?: string } = {},
  ) {}

  async enqueue(request: RecomputeRequest): Promise<JobView> {
    const { reason } = request;
    const kind = request.kind ?? 'full';
    const asOf = kind === 'full' ? (request.asOf ?? this.options.defaultAsOf) : undefined;
    const now = this.options.now ?? (() => new Date());
    // Numbered from 1, as BullMQ numbers its jobs.
    const id = String(this.next++);
    const job: JobView = { id, state: 'waiting', reason, kind, asOf, createdAt: now().toISOString() };
    this.jobs.set(id, job);
    this.tail = this.tail.then(async () => {
      job.state = 'active';
      try {
        const { run } = await recomputeInline(this.store, this.model, {
          kind,
          asOf,
          keepRuns: this.options.keepRuns,
          onProgress: (step, done, total) => {
            job.progress = { step, done, total };
          },
        });
        Object.assign(job, { state: 'completed', runId: run.id, published: run.publishedAt !== undefined, finishedAt: now().toISOString() });
      } catch (error) {
        Object.assign(job, { state: 'failed', failedReason: error instanceof Error ? error.message : String(error), finishedAt: now().toISOString() });
      }
    });
    return { ...job };
  }

  async get(id: string): Promise<JobView | undefined> {
    const job = this.jobs.get(id);
    return job && { ...job };
  }

  async ping(): Promise<void> {}

  /** Resolves when every job enqueued so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }
}
