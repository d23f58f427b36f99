/** Every `tiescore` command, in the order `--help` lists them. */
import type { Command } from 'commander';
import { register as registerDb } from './db.js';
import { register as registerImport } from './import.js';
import { register as registerScore } from './score.js';

export const commands: ReadonlyArray<(program: Command) => void> = [registerDb, registerImport, registerScore];
