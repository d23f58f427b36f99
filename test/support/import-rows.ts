/** Fuzzed rows of the import files (for ingestion items and import files). */
import fc from 'fast-check';
import { z } from 'zod';
import { DATA_FILES, type DataFileKind } from '../../src/import/row-schemas.js';
import { hostileJson } from './hostile-values.js';
import { nearlyExactObject, type FuzzWorld } from './route-fuzz.js';

/** Rows of one import file (or any, without `kind`), most fitting their schema but for at most one field; now and then another file's row or any JSON. */
export const importRows = (world: FuzzWorld, kind?: string): fc.Arbitrary<unknown> => {
  const rows = (file: (typeof DATA_FILES)[DataFileKind]) => nearlyExactObject(z.toJSONSchema(file.schema, { io: 'input', unrepresentable: 'any' }) as never, world);
  const own = DATA_FILES[kind as DataFileKind];
  return fc.oneof(
    ...(own ? [{ weight: 12, arbitrary: rows(own) }] : []),
    ...Object.values(DATA_FILES).map((file) => ({ weight: 1, arbitrary: rows(file) })),
    { weight: 1, arbitrary: hostileJson() },
  );
};
