/** Schemas shared by several routes: path parameters, paging, the score shapes. */
import { z } from 'zod';
import { ACCESS_KINDS, API_ROLES, DISPUTE_STATUSES } from '../../domain/safeguards.js';
import { externalId } from '../../import/row-schemas.js';
import { BANDS, DIMENSIONS } from '../../score/index.js';

/** `{id}` of a person: the same rule as ids in import files. */
export const personParams = z.strictObject({
  id: externalId.meta({ description: 'Person id: 1–128 characters, no control characters', example: 'p000042' }),
});

/** Ids the API makes itself (consents, disputes, jobs): letters, digits, `_` and `-`. */
export const generatedId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be 1–100 letters, digits, "_" or "-"');
export const idParams = z.strictObject({ id: generatedId });

/** A whole number from a query string, with bounds and a default. */
export const queryInt = (min: number, max: number, fallback: number) =>
  // Only strings are coerced: z.coerce would read a null as 0, which the document generator takes
  // for "nullable" whenever 0 is in range.
  z
    .preprocess(
      (value) => (typeof value === 'string' ? Number(value) : value),
      z.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`),
    )
    .default(fallback);

/** Control characters (C0, DEL, C1) and the bidirectional overrides that can disguise text. */
const CONTROLS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const CONTROLS_BUT_LINES = /[^\P{Cc}\n\r\t]|[\u202A-\u202E\u2066-\u2069]/u;

/**
 * Free text from a person (a consent's purpose, a dispute's reason): trimmed, 1–`max` characters,
 * well-formed Unicode (no lone surrogates, which break JSON consumers and CSV exports) and no
 * control characters; `lines` allows line breaks and tabs.
 */
export const freeText = (max: number, options: { lines?: boolean } = {}) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !/\p{Cs}/u.test(text), 'must be well-formed Unicode (no lone surrogate)')
    .refine((text) => !(options.lines ? CONTROLS_BUT_LINES : CONTROLS).test(text), options.lines ? 'must not hold control characters other than line breaks and tabs' : 'must not hold control characters');

/**
 * An ISO-8601 instant with an offset, e.g. `2026-12-31T00:00:00Z`: RFC 3339 narrowed to an upper-case
 * `T` and `Z`. The document declares the narrowing with zod's own pattern, so a client's validator
 * refuses what the server refuses.
 */
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time, e.g. 2026-12-31T00:00:00Z' });
export const isoInstant = instant.meta({ pattern: instant._zod.def.pattern!.source });

export const bandId = z.enum(BANDS.map((band) => band.id) as [string, ...string[]]);
export const dimensionsSchema = z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, z.number().min(0).max(1)])) as Record<(typeof DIMENSIONS)[number], z.ZodNumber>);
export const reasonCodeSchema = z.object({
  code: z.string(),
  reason: z.string(),
  pointsLost: z.number().optional().meta({ description: 'Score points this factor cost against a typical person (the reference), to 0.1' }),
});
export const roleSchema = z.enum(API_ROLES);
export const accessKindSchema = z.enum(ACCESS_KINDS);
export const disputeStatusSchema = z.enum(DISPUTE_STATUSES);

export const scoreSchema = z
  .object({
    personId: z.string(),
    score: z.number().int().min(350).max(950),
    band: bandId,
    dimensions: dimensionsSchema,
    reasonCodes: z.array(reasonCodeSchema).max(4),
    modelVersion: z.string(),
    runId: z.string(),
    asOf: z.string().meta({ description: 'The date the run scored at (YYYY-MM-DD)' }),
    publishedAt: z.string().optional(),
    disputedEvents: z.array(z.string()).meta({ description: 'Events under an open dispute (left out or flagged, per the model)' }),
  })
  .meta({ id: 'Score' });
