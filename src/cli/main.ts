/**
 * `tiescore` command line. Each command lives in `commands/<name>.ts` and exports
 * `register(program)` (one line in commands/index.ts); this file only assembles them and turns
 * errors into one line. Registering loads nothing heavy — a command's action imports what it
 * works with when it runs — so `--help` and `--version` start at once
 * (test/unit/cli/lazy-commands.test.ts keeps it so).
 */
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { ConfigError } from '../config-error.js';
import { commands } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('tiescore')
    .description('Open, explainable credit scoring centred on the social-network dimension.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode; // commander already printed it
  if (error instanceof CliError || error instanceof ConfigError) {
    console.error(`tiescore: ${error.message}`);
    return error instanceof CliError ? error.exitCode : 2;
  }
  console.error(error);
  return 1;
}

await main(process.argv);
