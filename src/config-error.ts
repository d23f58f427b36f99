/**
 * A bad environment value; the message is one line naming the variable. Its own file so the
 * CLI can recognise it without loading the settings' schemas (zod) at start-up.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
