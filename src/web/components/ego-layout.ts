/**
 * Positions for an ego network: concentric rings by hop distance — the ego in the centre, its
 * contacts on the first ring, contacts of contacts on the second — so distance on screen means
 * distance in the graph. A second-ring person sits at the mean angle of the first-ring contacts
 * it knows, then the ring is spread evenly in that order, so people stay near whom they know
 * without overlapping. Deterministic: the same network always draws the same way.
 */
export interface LayoutNode {
  key: string;
  hops: number;
}

export interface Position {
  x: number;
  y: number;
}

/**
 * Rings grow with their crowd so neighbours on a ring stay about `spacing` apart, and each ring
 * is at least `gap` (and `growth` times its own radius) outside the one within it, so two crowded
 * rings never merge into one.
 */
const RING = { spacing: 0.5, gap: 1, growth: 0.5 };

/**
 * Rings beyond the second (persons added by expanding a node) follow the same rule: a person
 * sits at the mean angle of the persons on inner rings it knows.
 *
 * @example
 * ringLayout([{ key: 'a', hops: 0 }, { key: 'b', hops: 1 }], [['a', 'b']]).get('b'); // { x: 1, y: 0 }
 */
export function ringLayout(nodes: readonly LayoutNode[], edges: readonly (readonly [string, string])[]): Map<string, Position> {
  const positions = new Map<string, Position>();
  const angleOf = new Map<string, number>();
  const deepest = nodes.reduce((max, node) => Math.max(max, node.hops), 0);
  const ring = (hops: number) => nodes.filter((node) => node.hops === hops);

  for (const node of ring(0)) positions.set(node.key, { x: 0, y: 0 });

  const first = ring(1);
  first.forEach((node, k) => angleOf.set(node.key, (2 * Math.PI * k) / first.length));

  const neighbours = new Map<string, string[]>();
  for (const [a, b] of edges) {
    (neighbours.get(a) ?? neighbours.set(a, []).get(a)!).push(b);
    (neighbours.get(b) ?? neighbours.set(b, []).get(b)!).push(a);
  }
  const rings: LayoutNode[][] = [ring(0), first];
  for (let hop = 2; hop <= deepest; hop++) {
    const placed = ring(hop).map((node, k) => {
      const known = (neighbours.get(node.key) ?? []).filter((other) => angleOf.has(other));
      // Circular mean, so contacts at 350° and 10° pull towards 0°, not 180°.
      const sx = known.reduce((sum, other) => sum + Math.cos(angleOf.get(other)!), 0);
      const sy = known.reduce((sum, other) => sum + Math.sin(angleOf.get(other)!), 0);
      const angle = known.length && (sx !== 0 || sy !== 0) ? (Math.atan2(sy, sx) + 2 * Math.PI) % (2 * Math.PI) : k;
      return { node, angle };
    });
    placed.sort((a, b) => a.angle - b.angle || (a.node.key < b.node.key ? -1 : 1));
    const offset = placed[0]?.angle ?? 0;
    placed.forEach(({ node }, k) => angleOf.set(node.key, offset + (2 * Math.PI * k) / placed.length));
    rings.push(placed.map((entry) => entry.node));
  }

  let radius = 0;
  rings.forEach((members, hop) => {
    if (hop === 0) return;
    radius = Math.max(radius + Math.max(RING.gap, RING.growth * radius), (members.length * RING.spacing) / (2 * Math.PI));
    for (const node of members) {
      const angle = angleOf.get(node.key)!;
      positions.set(node.key, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    }
  });
  return positions;
}
