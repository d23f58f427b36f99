/** `tiescore model …`: the scorecard model as data. */
import type { Command } from 'commander';
import { registerModelFit } from './model-fit.js';

export function register(program: Command): void {
  const model = program.command('model').description('The scorecard model: fit it to your own outcomes');
  registerModelFit(model);
}
