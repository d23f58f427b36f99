/**
 * A test-only hook for the fault tests (test/integration/worker-kill.test.ts): with
 * `TIESCORE_TEST_PAUSE_AT_STEP=<STEP>` in its environment, a worker stops at the start of that
 * recompute step — after the step is saved in the job, before its work — prints
 * `tiescore-test: paused at <STEP> of <run>` on stderr and waits forever, so a test can SIGKILL
 * it *in* that step deterministically (PROPAGATE and PUBLISH take milliseconds: polling cannot
 * catch them). Unset (production), `pauseIfAsked` returns at once and does nothing.
 */
import { z } from 'zod';
import { RECOMPUTE_STEPS, type RecomputeStep } from '../recompute/steps.js';

export const PAUSE_ENV = 'TIESCORE_TEST_PAUSE_AT_STEP';

const pauseStep = z.enum(RECOMPUTE_STEPS).optional();

/** The step a worker of this process pauses at; read once, refused if it names no step. */
const PAUSE_AT: RecomputeStep | undefined = (() => {
  const parsed = pauseStep.safeParse(process.env[PAUSE_ENV] || undefined);
  if (!parsed.success) throw new Error(`${PAUSE_ENV}=${JSON.stringify(process.env[PAUSE_ENV])} is invalid: must be one of ${RECOMPUTE_STEPS.join(', ')}`);
  return parsed.data;
})();

/** Never returns when this process was told to pause at `step`; returns at once otherwise. */
export async function pauseIfAsked(step: RecomputeStep, runId: string): Promise<void> {
  if (PAUSE_AT !== step) return;
  process.stderr.write(`tiescore-test: paused at ${step} of ${runId}\n`);
  await new Promise<never>(() => undefined);
}
