/** Errors every store adapter raises, so callers (API, CLI, jobs) can tell them apart. */

/** The backing service (Neo4j) cannot be reached; retrying later may help. `cause`: the driver's error. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** A referenced record does not exist. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
