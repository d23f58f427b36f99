/**
 * The error of a fit that cannot be made from the data or options it was given (no outcomes, a
 * degenerate design, a holdout that leaves nobody): a user's problem, which the CLI prints as
 * one line. Messages start with `fit: `, as every fit module's errors do.
 */
export class FitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FitError';
  }
}
