/**
 * Validation of incoming rows — CSV/NDJSON import and the API's batch ingestion share these
 * schemas, so a row is accepted or refused the same way on every path. Each schema takes the
 * file's column names (snake_case) with string or JSON values and yields a domain record.
 * Columns are documented in the README ("Data files").
 */
import { z } from 'zod';
import type { Outcome } from '../domain/outcomes.js';
import { ISO_DATE_PATTERN, ISO_DATE_SHAPE, isoDateProblem } from './iso-date.js';
import { EVENT_KINDS, SEXES, type CreditEvent, type Friendship, type Person, type Transaction } from '../domain/records.js';

/** 1–128 printable characters: ids end up in URLs, logs and Cypher parameters. */
export const externalId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  // No control character (Unicode Cc) and no lone surrogate, written without the `u` flag so the
  // OpenAPI document's copy means the same to every validator: code units outside C0, DEL, C1 and
  // the surrogates, or a well-formed surrogate pair.
  // eslint-disable-next-line no-control-regex -- naming the control characters is the point
  .regex(/^(?:[^\x00-\x1F\x7F-\x9F\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])+$/, 'must not contain control characters');

/** A real calendar date written YYYY-MM-DD, between 1900 and 2199. */
export const isoDate = z
  .string()
  .trim()
  .regex(ISO_DATE_PATTERN, ISO_DATE_SHAPE)
  .refine((value) => isoDateProblem(value) === undefined, 'is not a calendar date');

const fromText = <T extends z.ZodType>(inner: T) =>
  z.preprocess((value) => (typeof value === 'string' ? (value.trim() === '' ? undefined : Number(value)) : value), inner);

const money = fromText(z.number({ error: 'must be a number' }).finite().min(0, 'must not be negative').max(1e12, 'is implausibly large'));
const ratio = fromText(z.number({ error: 'must be a number' }).min(0, 'must be at least 0').max(1, 'must be at most 1'));
const count = (min: number) =>
  fromText(z.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(1e9, 'is implausibly large'));

const optional = <T extends z.ZodType>(inner: T) =>
  z.preprocess((value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value), inner.optional());

/** The record without its undefined fields (an unknown value is an absent key). */
function definedOnly<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

const boolean = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim().toLowerCase();
    return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : value;
  },
  z.boolean({ error: 'must be true or false' }),
);

export const personRow = z
  .strictObject({
    id: externalId,
    // Every attribute but id may be unknown: an empty cell, an absent column or a JSON null.
    verified: optional(boolean),
    account_created: optional(isoDate),
    income_monthly: optional(money),
    debt_monthly: optional(money),
    assets: optional(money),
    bills_on_time_ratio: optional(ratio),
    activity_regularity: optional(ratio),
    address_changes: optional(count(0)),
    birth_year: optional(fromText(z.number({ error: 'must be a year' }).int('must be a year').min(1900, 'must be 1900 or later').max(2100, 'must be 2100 or earlier'))),
    sex: optional(z.enum(SEXES, { error: `must be one of ${SEXES.join(', ')}` })),
  })
  .transform(
    // Unknown attributes are left out of the record (not set to undefined), as they are stored.
    (row): Person => definedOnly({
      id: row.id,
      verified: row.verified,
      accountCreated: row.account_created,
      incomeMonthly: row.income_monthly,
      debtMonthly: row.debt_monthly,
      assets: row.assets,
      billsOnTimeRatio: row.bills_on_time_ratio,
      activityRegularity: row.activity_regularity,
      addressChanges: row.address_changes,
      birthYear: row.birth_year,
      sex: row.sex,
    }),
  );

export const friendshipRow = z
  .strictObject({
    a: externalId,
    b: externalId,
    since: isoDate,
    interactions: optional(count(0)),
  })
  .refine((row) => row.a !== row.b, { message: 'a person cannot befriend themselves', path: ['b'] })
  .transform((row): Friendship => ({ a: row.a, b: row.b, since: row.since, interactions: row.interactions ?? 0 }));

export const transactionRow = z
  .strictObject({
    from: externalId,
    to: externalId,
    count: count(1),
    amount: money,
    last_at: isoDate,
  })
  .refine((row) => row.from !== row.to, { message: 'a person cannot pay themselves', path: ['to'] })
  .transform((row): Transaction => ({ from: row.from, to: row.to, count: row.count, amount: row.amount, lastAt: row.last_at }));

export const eventRow = z
  .strictObject({
    id: externalId,
    person_id: externalId,
    kind: z.enum(EVENT_KINDS, { error: `must be one of ${EVENT_KINDS.join(', ')}` }),
    at: isoDate,
    amount: money,
    source: z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
    until: optional(isoDate),
  })
  .refine((row) => row.until === undefined || row.kind === 'blacklisted', {
    message: 'only a blacklisted event has an end date',
    path: ['until'],
  })
  .refine((row) => row.until === undefined || row.until >= row.at, { message: 'must not be before at', path: ['until'] })
  .transform(
    (row): CreditEvent => ({
      id: row.id,
      personId: row.person_id,
      kind: row.kind,
      at: row.at,
      amount: row.amount,
      source: row.source,
      ...(row.until === undefined ? {} : { until: row.until }),
      status: 'active',
    }),
  );

/** An observed outcome for backtests (`tiescore evaluate`); never a score input. */
export const outcomeRow = z
  .strictObject({
    person_id: externalId,
    defaulted: boolean,
  })
  .transform((row): Outcome => ({ personId: row.person_id, defaulted: row.defaulted }));

/** The importable files, in the order they must be applied (edges, events and outcomes need their persons). */
export const DATA_FILES = {
  persons: { schema: personRow, columns: Object.keys(personRow.in.shape), required: ['id'] },
  friendships: { schema: friendshipRow, columns: ['a', 'b', 'since', 'interactions'], required: ['a', 'b', 'since'] },
  transactions: { schema: transactionRow, columns: ['from', 'to', 'count', 'amount', 'last_at'], required: ['from', 'to', 'count', 'amount', 'last_at'] },
  events: { schema: eventRow, columns: ['id', 'person_id', 'kind', 'at', 'amount', 'source', 'until'], required: ['id', 'person_id', 'kind', 'at', 'amount', 'source'] },
  outcomes: { schema: outcomeRow, columns: ['person_id', 'defaulted'], required: ['person_id', 'defaulted'] },
} as const;
export type DataFileKind = keyof typeof DATA_FILES;
export const DATA_FILE_KINDS = Object.keys(DATA_FILES) as DataFileKind[];

export type RowResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Validates one raw row; a failure carries the first problem as `column: message`.
 *
 * @example
 * parseRow(friendshipRow, { a: 'p1', b: 'p1', since: '2020-01-01' });
 * // { ok: false, reason: 'b: a person cannot befriend themselves' }
 */
export function parseRow<T>(schema: z.ZodType<T>, raw: unknown): RowResult<T> {
  const result = schema.safeParse(raw, { reportInput: true });
  return result.success ? { ok: true, value: result.data } : { ok: false, reason: describeIssue(result.error) };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid row';
  if (issue.code === 'unrecognized_keys') return `unknown column ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const path = issue.path.join('.');
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: is required`;
  return path ? `${path}: ${issue.message}` : issue.message;
}
