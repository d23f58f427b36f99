/** A snapshot image of made-up persons and links, for the tests of how images are kept. */
import { nominalCsr } from '../../src/graph/index.js';
import type { SnapshotImage } from '../../src/jobs/recompute/snapshot-image.js';

/** `persons` persons (every seventh seq from 3 unused) and `links` links among them, without x, P·x or served values. */
export function testImage(persons: number, links: number): SnapshotImage {
  return {
    asOf: '2026-06-30',
    modelVersion: 'test-1',
    ids: Array.from({ length: persons }, (_, seq) => (seq % 7 === 3 ? undefined : `p${seq}`)),
    own: Float64Array.from({ length: persons }, (_, seq) => (seq % 100) / 100),
    verified: Uint8Array.from({ length: persons }, (_, seq) => seq % 2),
    accountAgeDays: Float64Array.from({ length: persons }, (_, seq) => seq * 1.5),
    contacts: nominalCsr(persons, {
      a: Int32Array.from({ length: links }, (_, k) => k % persons),
      b: Int32Array.from({ length: links }, (_, k) => (k * 7 + 1) % persons),
      w: Float64Array.from({ length: links }, (_, k) => 1 + (k % 13) / 13),
    }),
    edges: { friendships: links - 10, transactions: 10 },
  };
}
