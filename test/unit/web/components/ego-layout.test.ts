/** The ego network's ring layout: hop distance is distance on screen, and nobody overlaps. */
import { describe, expect, it } from 'vitest';
import { ringLayout } from '../../../../src/web/components/ego-layout.js';

const radius = (p: { x: number; y: number }) => Math.hypot(p.x, p.y);
const angle = (p: { x: number; y: number }) => (Math.atan2(p.y, p.x) + 2 * Math.PI) % (2 * Math.PI);

describe('ringLayout', () => {
  const nodes = [
    { key: 'ego', hops: 0 },
    ...['a', 'b', 'c', 'd'].map((key) => ({ key, hops: 1 })),
    ...['x', 'y', 'z'].map((key) => ({ key, hops: 2 })),
  ];
  const edges: [string, string][] = [
    ['ego', 'a'], ['ego', 'b'], ['ego', 'c'], ['ego', 'd'],
    ['x', 'c'], ['y', 'a'], ['z', 'a'], ['z', 'b'],
  ];
  const positions = ringLayout(nodes, edges);

  it('puts the ego in the centre and each hop on its own ring', () => {
    expect(positions.get('ego')).toEqual({ x: 0, y: 0 });
    for (const key of ['a', 'b', 'c', 'd']) expect(radius(positions.get(key)!)).toBeCloseTo(1, 9);
    for (const key of ['x', 'y', 'z']) expect(radius(positions.get(key)!)).toBeCloseTo(2, 9);
  });

  it('widens a crowded ring so its persons stay apart', () => {
    const crowd = [{ key: 'ego', hops: 0 }, ...Array.from({ length: 60 }, (_, k) => ({ key: `c${k}`, hops: 1 }))];
    const wide = ringLayout(crowd, []);
    const [a, b] = [wide.get('c0')!, wide.get('c1')!];
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeCloseTo(0.5, 2);
  });

  it('spreads each ring evenly and keeps second-ring persons in the order of whom they know', () => {
    const ring1 = ['a', 'b', 'c', 'd'].map((key) => angle(positions.get(key)!));
    ring1.forEach((value, k) => expect(value).toBeCloseTo((2 * Math.PI * k) / 4, 9));
    // y knows a (0°), z knows a and b (0°, 90° → 45°), x knows c (180°): around the ring y, z, x.
    const [y, z, x] = ['y', 'z', 'x'].map((key) => angle(positions.get(key)!));
    expect(y!).toBeLessThan(z!);
    expect(z!).toBeLessThan(x!);
    expect(z! - y!).toBeCloseTo((2 * Math.PI) / 3, 9);
  });

  it('draws the same network the same way every time', () => {
    expect(ringLayout(nodes, edges)).toEqual(positions);
  });
});
