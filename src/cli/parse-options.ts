/** Parsers for commander option values; a bad value is one CLI error line naming the option. */
import { InvalidArgumentError } from 'commander';

export const positiveInteger =
  (name: string) =>
  (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
      throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
    }
    return number;
  };
