/**
 * The what-if's colour and size scales. Colour: a diverging scale (ColorBrewer RdBu, 5 stops)
 * centred on 0 points — red for points lost, blue for points gained, near-white for no move —
 * symmetric around 0 up to the largest move drawn, so equal moves read as equal colours. Size
 * grows with the square root of |move| (area proportional to the move).
 */
const STOPS = ['#2166ac', '#92c5de', '#f7f7f7', '#f4a582', '#b2182b'] as const;

/** Node radius (px at zoom 1) of the smallest and the largest move. */
export const IMPACT_SIZE = { min: 3, max: 18 };

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: readonly number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * @example
 * impactColour(-5, 5); // '#b2182b' (the largest loss)
 * impactColour(0, 5);  // '#f7f7f7'
 */
export function impactColour(deltaPoints: number, maxAbs: number): string {
  const t = maxAbs > 0 ? Math.max(-1, Math.min(1, -deltaPoints / maxAbs)) : 0; // −1 largest gain … +1 largest loss
  const position = ((t + 1) / 2) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(position));
  const f = position - k;
  const a = hexToRgb(STOPS[k]!);
  const b = hexToRgb(STOPS[k + 1]!);
  return toHex(a.map((c, i) => c + (b[i]! - c) * f));
}

export function impactSize(deltaPoints: number, maxAbs: number): number {
  const share = maxAbs > 0 ? Math.min(1, Math.abs(deltaPoints) / maxAbs) : 0;
  return IMPACT_SIZE.min + (IMPACT_SIZE.max - IMPACT_SIZE.min) * Math.sqrt(share);
}

/** The legend's ticks: from the largest loss to the largest gain the scale spans. */
export function impactTicks(maxAbs: number): { deltaPoints: number; colour: string }[] {
  return [-1, -0.5, 0, 0.5, 1].map((t) => ({ deltaPoints: t * maxAbs, colour: impactColour(t * maxAbs, maxAbs) }));
}
