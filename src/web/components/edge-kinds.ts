/**
 * How a contact pair is drawn by what links it in the records: friendship, payment or both.
 * Colours from Paul Tol's muted palette (told apart with colour-blindness), always with a legend
 * that names them (edge-legend.ts); a pair whose link the records no longer hold is grey.
 */
import type { EdgeKind } from '../api/types.js';

export const EDGE_KIND_STYLE: Record<EdgeKind | 'unknown', { colour: string; label: string }> = {
  friendship: { colour: '#44aa99', label: 'Friendship' },
  payment: { colour: '#ddaa33', label: 'Payment' },
  both: { colour: '#882255', label: 'Friendship and payment' },
  unknown: { colour: '#b4b4b4', label: 'Link no longer on record' },
};

/** The line colour of a kind, a little transparent so that crossings stay readable. */
export function edgeColour(kind: EdgeKind | null | undefined): string {
  const n = Number.parseInt(EDGE_KIND_STYLE[kind ?? 'unknown'].colour.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, 0.6)`;
}
