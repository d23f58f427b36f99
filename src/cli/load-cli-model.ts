/** The scorecard model for a CLI command: `--model FILE`, else TIESCORE_MODEL, else the default. */
import type { Config } from '../config.js';
import { loadModel, ModelError, type Model } from '../score/index.js';
import { CliError } from './cli-error.js';

export async function loadCliModel(config: Pick<Config, 'TIESCORE_MODEL'>, path?: string): Promise<Model> {
  try {
    return await loadModel(path ?? config.TIESCORE_MODEL);
  } catch (error) {
    throw error instanceof ModelError ? new CliError(error.message) : error;
  }
}
