/**
 * An error the CLI reports as one line on stderr with a non-zero exit code, never a stack trace.
 * Throw it for bad input or an unavailable service; anything else is a bug and keeps its stack.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
