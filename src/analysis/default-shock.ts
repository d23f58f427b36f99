/**
 * "If this person defaults": the change of their own score b when a default is added to their
 * record today, the shock a contagion what-if pushes through the network.
 */
import type { CreditEvent, Person } from '../domain/records.js';
import { scoreOwnDimensions, type Model } from '../score/index.js';

export interface DefaultShockInput {
  person: Person;
  events: readonly CreditEvent[];
  asOf: string;
  model: Model;
  /** Amount of the hypothetical default; default 1,000. */
  amount?: number;
}

/**
 * @example
 * const deltaB = defaultShock({ person, events, asOf: run.asOf, model }); // e.g. −0.21
 */
export function defaultShock({ person, events, asOf, model, amount = 1000 }: DefaultShockInput): number {
  const before = scoreOwnDimensions({ person, events, asOf, model }).own;
  const hypothetical: CreditEvent = {
    id: `what-if-default-${person.id}`,
    personId: person.id,
    kind: 'defaulted',
    at: asOf,
    amount,
    source: 'what-if',
    status: 'active',
  };
  const after = scoreOwnDimensions({ person, events: [...events, hypothetical], asOf, model }).own;
  return after - before;
}
