package dev.tiescore.procedures;

import java.util.Arrays;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * Each person's seq by internal node id, read once per call, so that an edge's far end costs an
 * array lookup instead of a property read. Ids past the table (a person created while the call
 * runs) and nodes that are not persons answer -1.
 */
final class SeqsByNode {
  private final int[] seqByNode;

  private SeqsByNode(int[] seqByNode) {
    this.seqByNode = seqByNode;
  }

  @SuppressWarnings("deprecation") // internal ids: stable within the transaction, which is all this needs
  static SeqsByNode of(Transaction tx, Label person) {
    int[] table = new int[1 << 16];
    Arrays.fill(table, -1);
    try (ResourceIterator<Node> nodes = tx.findNodes(person)) {
      while (nodes.hasNext()) {
        Node node = nodes.next();
        if (!(node.getProperty("seq", null) instanceof Number seq)) continue;
        long id = node.getId();
        if (id >= Integer.MAX_VALUE - 8) throw new IllegalStateException("tiescore.snapshot: node id " + id + " is past what this procedure indexes");
        if (id >= table.length) {
          int grown = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(id + 1, table.length * 2L));
          int old = table.length;
          table = Arrays.copyOf(table, grown);
          Arrays.fill(table, old, grown, -1);
        }
        table[(int) id] = seq.intValue();
      }
    }
    return new SeqsByNode(table);
  }

  @SuppressWarnings("deprecation")
  int seqOf(Node node) {
    long id = node.getId();
    return id < seqByNode.length ? seqByNode[(int) id] : -1;
  }
}
