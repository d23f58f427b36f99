/** Every `tiescore` command, in the order `--help` lists them. */
import type { Command } from 'commander';
import { register as registerDb } from './db.js';

export const commands: ReadonlyArray<(program: Command) => void> = [registerDb];
