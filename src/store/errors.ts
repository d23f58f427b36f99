/** Errors every store adapter raises, so callers (API, CLI, jobs) can tell them apart. */

/** The backing service (Neo4j) cannot be reached; retrying later may help. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
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
