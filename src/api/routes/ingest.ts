/**
 * Batch ingestion for operators: upserts of persons, friendships, transactions or events with
 * the import files' columns and the very same row schemas (src/import/row-schemas.ts), so a
 * row is accepted or refused exactly as `tiescore import` would. Each refused item is reported
 * with its index and reason and nothing of it is written; `?strict=true` writes nothing at all
 * when any item is refused (422).
 */
import { z } from 'zod';
import { ErasedPersons, erasedReason } from '../../import/erased-persons.js';
import { personsNamed, writeRows } from '../../import/row-operations.js';
import { DATA_FILE_KINDS, DATA_FILES, parseRow, type DataFileKind } from '../../import/row-schemas.js';
import { erasureHasherOf } from '../erasure.js';
import { unprocessable } from '../problem.js';
import { defineRoute } from '../route.js';

/** Items one request may carry (the body limit applies too). */
export const MAX_INGEST_ITEMS = 5_000;

const itemError = z.object({ index: z.number().int(), reason: z.string() });

export const ingestRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/ingest/{kind}',
    operationId: 'ingest',
    summary: 'Upsert a batch of persons, friendships, transactions or events',
    description:
      'Items use the columns of the import files (README, "Data files"): ' +
      DATA_FILE_KINDS.map((kind) => `${kind}: ${DATA_FILES[kind].columns.join(', ')}`).join('; ') +
      '. A person needs only `id`: any other attribute may be null, empty or absent, meaning unknown (scored with the model\'s missing bins)' +
      `. At most ${MAX_INGEST_ITEMS} items. An edge or event naming an unknown person is refused; so is a person who was erased ` +
      '(and an edge or event naming them) unless `allowErased=true`.',
    tag: 'ingestion',
    access: { admin: 'any' },
    params: z.strictObject({ kind: z.enum(DATA_FILE_KINDS as [DataFileKind, ...DataFileKind[]]) }),
    query: z.strictObject({
      strict: z.enum(['true', 'false']).default('false').meta({ description: 'true: write nothing if any item is refused' }),
      allowErased: z.enum(['true', 'false']).default('false').meta({ description: 'true: accept persons who were erased (bring them back)' }),
    }),
    body: z.strictObject({
      items: z
        .array(z.unknown())
        .min(1, 'needs at least one item')
        .max(MAX_INGEST_ITEMS, `at most ${MAX_INGEST_ITEMS} items a request`)
        .meta({ description: 'Rows with the import files\' column names; values as JSON numbers/booleans or strings' }),
    }),
    problems: [422],
    responses: {
      200: {
        description: 'What was written and what was refused',
        schema: z.object({
          kind: z.enum(DATA_FILE_KINDS as [DataFileKind, ...DataFileKind[]]),
          received: z.number().int(),
          accepted: z.number().int(),
          rejected: z.number().int(),
          created: z.number().int(),
          updated: z.number().int(),
          unchanged: z.number().int(),
          errors: z.array(itemError),
        }),
      },
    },
    example: { params: { kind: 'friendships' }, body: { items: [{ a: 'p000042', b: 'p000043', since: '2024-01-01', interactions: 3 }] } },
    handler: async ({ params, query, body, deps }) => {
      const { kind } = params;
      const spec = DATA_FILES[kind];
      const errors: { index: number; reason: string }[] = [];
      const parsed: { index: number; value: unknown }[] = [];
      body.items.forEach((item, index) => {
        const row = parseRow(spec.schema as z.ZodType<unknown>, item);
        if (row.ok) parsed.push({ index, value: row.value });
        else errors.push({ index, reason: row.reason });
      });
      const named = [...new Set(parsed.flatMap((row) => personsNamed(kind, row.value)))];
      const known = named.length > 0 ? await deps.store.existingPersonIds(named) : new Set<string>();
      const erased = query.allowErased === 'true' ? undefined : new ErasedPersons(deps.store, erasureHasherOf(deps));
      // Person items are checked by their own id, edges and events by the persons they name.
      const idsOf = (row: { value: unknown }) => (kind === 'persons' ? [(row.value as { id: string }).id] : personsNamed(kind, row.value).filter((id) => !known.has(id)));
      const checked = [...new Set(parsed.flatMap(idsOf))];
      const gone = erased && checked.length > 0 ? await erased.among(checked) : new Set<string>();
      const accepted: unknown[] = [];
      for (const row of parsed) {
        const erasedId = idsOf(row).find((id) => gone.has(id));
        const missing = personsNamed(kind, row.value).find((id) => !known.has(id));
        if (erasedId !== undefined) errors.push({ index: row.index, reason: erasedReason(erasedId, 'allowErased=true') });
        else if (missing === undefined) accepted.push(row.value);
        else errors.push({ index: row.index, reason: `person "${missing}" does not exist` });
      }
      errors.sort((x, y) => x.index - y.index);
      if (query.strict === 'true' && errors.length > 0) {
        throw unprocessable(`${errors.length} of ${body.items.length} items were refused; nothing was written`, { itemErrors: errors.slice(0, 1000) });
      }
      const result = accepted.length > 0 ? await writeRows(deps.store, kind, accepted) : { created: 0, updated: 0, unchanged: 0 };
      return {
        body: { kind, received: body.items.length, accepted: accepted.length, rejected: errors.length, ...result, errors: errors.slice(0, 1000) },
      };
    },
  }),
];
