/**
 * A recompute worker process for the fault tests (test/integration/worker-crash.test.ts): the
 * production workers (`startRecomputeWorkers`, configured from the environment as
 * `tiescore worker` is) given a `beforeStep` that stops at the start of the step named on the
 * command line — after the step is saved in the job, before its work — prints
 * `tiescore-test: paused at <STEP> of <run>` on stderr and waits forever, so that the test can
 * SIGKILL it *in* that step (PROPAGATE and PUBLISH take milliseconds: polling cannot catch them).
 *
 *   node --import tsx test/support/paused-worker.ts PROPAGATE
 */
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { startRecomputeWorkers } from '../../src/jobs/bullmq/recompute-workers.js';
import { RECOMPUTE_STEPS, type BeforeStep } from '../../src/jobs/recompute/steps.js';
import { loadModel } from '../../src/score/index.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';

/** The script's path, for `startScript`. */
export const PAUSED_WORKER = 'test/support/paused-worker.ts';

/** A `beforeStep` that never returns at `pauseAt` (after saying so on stderr) and returns at once elsewhere. */
export function pauseAtStep(pauseAt: (typeof RECOMPUTE_STEPS)[number]): BeforeStep {
  return async (step, runId) => {
    if (step !== pauseAt) return;
    process.stderr.write(`tiescore-test: paused at ${step} of ${runId}\n`);
    await new Promise<never>(() => undefined);
  };
}

async function main(): Promise<void> {
  const step = z.enum(RECOMPUTE_STEPS).parse(process.argv[2]);
  const config = loadConfig();
  const model = await loadModel(config.TIESCORE_MODEL);
  const store = await Neo4jStore.open(config);
  await startRecomputeWorkers({ config, store, model, beforeStep: pauseAtStep(step), onEvent: (line) => console.error(line) });
  console.error(`worker ready (pausing at ${step})`);
}

if (process.argv[1]?.endsWith('paused-worker.ts')) await main();
