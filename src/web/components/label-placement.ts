/**
 * Labels that never collide: sigma's label grid picks which labels are candidates (a few per
 * grid cell, more as the camera zooms in), and this placer draws a candidate only where its box
 * overlaps no label already drawn. The labels that must show (the ego, the selected person, the
 * shocked persons) reserve their boxes before the frame, so a grid label never covers them.
 * Boxes are in viewport pixels; a label sits to the right of its node, as sigma draws it.
 */
export interface Box {
  /** The node the label names and its centre (kept for the page's data-labels attribute, which tests read). */
  key?: string;
  cx?: number;
  cy?: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Gap kept between two labels, in pixels. */
const MARGIN = 2;

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + MARGIN && b.x < a.x + a.width + MARGIN && a.y < b.y + b.height + MARGIN && b.y < a.y + a.height + MARGIN;
}

/**
 * The box of a label drawn by sigma's disc label drawer: text starting `size + 3` px right of
 * the node's centre, its baseline `fontSize / 3` below it.
 *
 * @example
 * labelBox({ x: 100, y: 50, size: 6 }, 40, 12); // { x: 109, y: 42, width: 40, height: 14 }
 */
export function labelBox(node: { x: number; y: number; size: number }, textWidth: number, fontSize: number): Box {
  return { x: node.x + node.size + 3, y: node.y - fontSize / 2 - 2, width: textWidth, height: fontSize + 2 };
}

/** One frame's drawn labels. */
export class LabelPlacer {
  private boxes: Box[] = [];

  /** Starts a frame with the boxes of the labels that must show. */
  reset(reserved: readonly Box[] = []): void {
    this.boxes = [...reserved];
  }

  /** Whether a label with this box may be drawn; if so it is recorded. A `reserved` box was counted already. */
  place(box: Box, reserved = false): boolean {
    if (reserved) return true;
    if (this.boxes.some((other) => overlaps(other, box))) return false;
    this.boxes.push(box);
    return true;
  }

  /** The boxes of this frame so far (the reserved ones first). */
  get placed(): readonly Box[] {
    return this.boxes;
  }
}
