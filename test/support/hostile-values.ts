/**
 * Hostile values for fuzz tests: strings that have broken parsers, query builders and logs
 * elsewhere (quotes, backticks, Cypher fragments, control and format characters, lone
 * surrogates, huge strings), numbers at and past every limit, and JSON of any shape.
 */
import fc from 'fast-check';

/** Strings that carry an attack or an edge case on their own. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  "'",
  '"',
  '`',
  '\\',
  "x' OR '1'='1",
  '" OR ""="',
  '`) MATCH (n) DETACH DELETE n //',
  "p000'}) MATCH (n) DETACH DELETE n //",
  '"}) CALL apoc.cypher.runWrite("MATCH (n) DETACH DELETE n", {}) //',
  'MATCH (n) RETURN n',
  '$id',
  '${id}',
  '{id}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%',
  '%00',
  '%2F',
  '\u0000',
  '\u0007',
  '\n',
  '\r\n',
  '\t',
  '\u2028',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  'e\u0301',
  'Ａ',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  'a'.repeat(129),
  'é'.repeat(5000),
  'x'.repeat(70_000),
];

/** Numbers past every bound a schema sets (and the ones JSON cannot carry, which become null). */
export const HOSTILE_NUMBERS: readonly number[] = [
  -1, 0, -0, 0.5, 1.0000001, 59, 61, 101, 501, 1001, 5001, 1e6 + 1, 2 ** 31, 2 ** 53 + 2, 1e12 + 1, 1e21, 1e308, -1e308, 5e-324, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY,
];

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 10 })).map(([a, b]) => a + b) },
  );

export const hostileNumber = (): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double(), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }));

/** Any JSON value, with hostile leaves, up to a small depth. */
export const hostileJson = (): fc.Arbitrary<unknown> =>
  fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString(),
      hostileNumber(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(hostileString(), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
