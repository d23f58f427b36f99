/**
 * Parsers for commander option values; a bad value is one CLI error line naming the option.
 * Loaded by every command's registration, so it imports nothing heavy (see main.ts).
 */
import { InvalidArgumentError } from 'commander';
import { isoDateProblem } from '../import/iso-date.js';

export const positiveInteger =
  (name: string) =>
  (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
      throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
    }
    return number;
  };

/** A TCP port, 1–65535. */
export const portNumber =
  (name: string) =>
  (value: string): number => {
    const number = positiveInteger(name)(value);
    if (number > 65535) throw new InvalidArgumentError(`${name} must be at most 65535`);
    return number;
  };

/** A `YYYY-MM-DD` calendar date (the import files' rule). */
export const calendarDate =
  (name: string) =>
  (value: string): string => {
    const date = value.trim();
    const problem = isoDateProblem(date);
    if (problem) throw new InvalidArgumentError(`${name} ${problem}`);
    return date;
  };
