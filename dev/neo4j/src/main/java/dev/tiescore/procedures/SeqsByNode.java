package dev.tiescore.procedures;

import java.util.Arrays;

/**
 * Each person's seq by node reference, read once per call from the person_seq index alone (no
 * node is touched), so that an edge's ends cost an array lookup instead of a property read.
 * References past the table (a person created while the call runs) and nodes that are not
 * persons answer -1.
 */
final class SeqsByNode {
  private int[] seqByNode = new int[1 << 16];

  private SeqsByNode() {
    Arrays.fill(seqByNode, -1);
  }

  static SeqsByNode of(GraphCursors cursors) {
    SeqsByNode table = new SeqsByNode();
    cursors.bySeq("Person", "seq", 0, Integer.MAX_VALUE, table::put);
    return table;
  }

  private void put(long node, long seq) {
    if (node >= Integer.MAX_VALUE - 8) throw new IllegalStateException("tiescore.snapshot: node id " + node + " is past what this procedure indexes");
    if (node >= seqByNode.length) {
      int old = seqByNode.length;
      seqByNode = Arrays.copyOf(seqByNode, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(node + 1, old * 2L)));
      Arrays.fill(seqByNode, old, seqByNode.length, -1);
    }
    seqByNode[(int) node] = (int) seq;
  }

  int seqOf(long node) {
    return node >= 0 && node < seqByNode.length ? seqByNode[(int) node] : -1;
  }
}
