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

export function edgeColour(kind: EdgeKind | null | undefined): string {
  return EDGE_KIND_STYLE[kind ?? 'unknown'].colour;
}
