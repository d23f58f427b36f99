/**
 * The five score bands and their colours. The palette is five stops of viridis (0 to 0.9): its
 * lightness rises monotonically from "poor" to "excellent", so the order stays readable with
 * red-green colour blindness (deuteranopia, protanopia) and in greyscale, and every stop keeps
 * contrast against the white page. Band names are always printed next to the colour too.
 */
export interface BandInfo {
  id: string;
  label: string;
  min: number;
  max: number;
  colour: string;
  /** Text colour readable on `colour`. */
  ink: string;
}

export const BANDS: readonly BandInfo[] = [
  { id: 'poor', label: 'Poor', min: 350, max: 549, colour: '#440154', ink: '#ffffff' },
  { id: 'fair', label: 'Fair', min: 550, max: 599, colour: '#3b528b', ink: '#ffffff' },
  { id: 'good', label: 'Good', min: 600, max: 649, colour: '#21918c', ink: '#ffffff' },
  { id: 'very_good', label: 'Very good', min: 650, max: 699, colour: '#3fbc73', ink: '#000000' },
  { id: 'excellent', label: 'Excellent', min: 700, max: 950, colour: '#b5de2b', ink: '#000000' },
];

/** Persons without a published score. */
export const NO_BAND_COLOUR = '#9e9e9e';

export function bandInfo(id: string | null | undefined): BandInfo | undefined {
  return BANDS.find((band) => band.id === id);
}

export function bandOfScore(score: number): BandInfo {
  return BANDS.findLast((band) => score >= band.min) ?? BANDS[0]!;
}

export function bandColour(id: string | null | undefined): string {
  return bandInfo(id)?.colour ?? NO_BAND_COLOUR;
}

export function bandLabel(id: string | null | undefined): string {
  return bandInfo(id)?.label ?? 'no score';
}
