/** Every `tiescore` command, in the order `--help` lists them. */
import type { Command } from 'commander';
import { register as registerDb } from './db.js';
import { register as registerDemo } from './demo.js';
import { register as registerEvaluate } from './evaluate.js';
import { register as registerFairness } from './fairness.js';
import { register as registerImport } from './import.js';
import { register as registerKeys } from './keys.js';
import { register as registerModel } from './model.js';
import { register as registerPersons } from './persons.js';
import { register as registerRecompute } from './recompute.js';
import { register as registerRecourse } from './recourse.js';
import { register as registerRetention } from './retention.js';
import { register as registerRuns } from './runs.js';
import { register as registerSchedule } from './schedule.js';
import { register as registerScore } from './score.js';
import { register as registerScores } from './scores.js';
import { register as registerServe } from './serve.js';
import { register as registerSynth } from './synth.js';
import { register as registerWorker } from './worker.js';

export const commands: ReadonlyArray<(program: Command) => void> = [
  registerDemo,
  registerSynth,
  registerImport,
  registerScore,
  registerScores,
  registerRecourse,
  registerRecompute,
  registerWorker,
  registerServe,
  registerKeys,
  registerPersons,
  registerRetention,
  registerRuns,
  registerEvaluate,
  registerFairness,
  registerSchedule,
  registerModel,
  registerDb,
];
