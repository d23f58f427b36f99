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

/** Which commands need which service (the README's command table says the same). */
const SERVICES_HELP = `
Services: demo, synth, serve --embedded and keys signing-key need none; recompute and schedule
need Redis; worker, serve and persons erase need Neo4j and Redis; every other command needs
Neo4j. \`npm run services:start\` starts both for development; NEO4J_URI and REDIS_URL point
elsewhere.`;

export function buildProgram(): Command {
  const program = new Command('tiescore')
    .description('Open, explainable credit scoring centred on the social-network dimension.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', SERVICES_HELP);
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = await exitCodeFor(error);
  }
}

async function exitCodeFor(error: unknown): Promise<number> {
  if (error instanceof CommanderError) return error.exitCode; // commander already printed it
  if (error instanceof CliError || error instanceof ConfigError) {
    console.error(`tiescore: ${error.message}`);
    return error instanceof CliError ? error.exitCode : 2;
  }
  // Neo4j lost in the middle of a command (opening it is handled in open-store.ts): one line, not
  // the driver's message. Matched by name so that this file loads no store code at start-up.
  if (error instanceof Error && error.name === 'StoreUnavailableError') {
    const [{ loadConfig }, { serviceLine }] = await Promise.all([import('../config.js'), import('./service-errors.js')]);
    console.error(`tiescore: ${serviceLine('Neo4j', loadConfig().NEO4J_URI, error)}`);
    return 1;
  }
  console.error(error);
  return 1;
}

// A reader that stops early (`tiescore runs list | head -1`) closes the pipe: stop quietly, as a
// Unix filter does, instead of crashing on the write that finds it closed.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

await main(process.argv);
