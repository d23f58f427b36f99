/**
 * A scorecard model file that cannot be used. The message is one line that names the field
 * (`weights.history: expected number, received string`), and the file when one was read, so the
 * CLI can print it as is.
 */
export class ModelError extends Error {
  constructor(
    message: string,
    /** Every problem found, one line each (the message shows the first). */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
