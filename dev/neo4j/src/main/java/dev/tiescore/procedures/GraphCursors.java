package dev.tiescore.procedures;

import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.IndexQueryConstraints;
import org.neo4j.internal.kernel.api.IndexReadSession;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.NodeValueIndexCursor;
import org.neo4j.internal.kernel.api.PropertyCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.RelationshipScanCursor;
import org.neo4j.internal.kernel.api.RelationshipTraversalCursor;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.IndexOrder;
import org.neo4j.internal.schema.IndexType;
import org.neo4j.internal.schema.SchemaDescriptors;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.token.api.TokenConstants;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.values.storable.IntegralValue;
import org.neo4j.values.storable.NumberValue;
import org.neo4j.values.storable.TextValue;
import org.neo4j.values.storable.Value;

/**
 * The kernel's cursors over one procedure call's transaction: what Neo4j's own Cypher runtime and
 * Graph Data Science read the store with. The core API (Node, Relationship, getAllProperties)
 * builds an object per entity and a map per property set; these cursors are reused, so a read of
 * 1M persons with 6M events and 7.5M edges builds only the values it keeps. Opened per call,
 * closed when its stream ends.
 */
final class GraphCursors implements AutoCloseable {
  /** What `tokenId` answers for a name the database has never stored. */
  static final int NO_TOKEN = TokenConstants.NO_TOKEN;

  final Read read;
  /** The entity being read (a person, or an edge's start). */
  final NodeCursor node;
  /** A second node: an event, or an edge's far end. */
  final NodeCursor other;
  final RelationshipTraversalCursor relationships;
  /** A walk over every relationship in store order. */
  final RelationshipScanCursor scan;
  final PropertyCursor properties;
  private final KernelTransaction ktx;
  private final TokenRead tokens;
  private final NodeValueIndexCursor index;

  private GraphCursors(KernelTransaction ktx) {
    this.ktx = ktx;
    this.read = ktx.dataRead();
    this.tokens = ktx.tokenRead();
    var cursors = ktx.cursors();
    var context = ktx.cursorContext();
    var memory = ktx.memoryTracker();
    node = cursors.allocateNodeCursor(context, memory);
    other = cursors.allocateNodeCursor(context, memory);
    relationships = cursors.allocateRelationshipTraversalCursor(context, memory);
    scan = cursors.allocateRelationshipScanCursor(context, memory);
    properties = cursors.allocatePropertyCursor(context, memory);
    index = cursors.allocateNodeValueIndexCursor(context, memory);
  }

  static GraphCursors open(Transaction tx) {
    return new GraphCursors(((InternalTransaction) tx).kernelTransaction());
  }

  int label(String name) {
    return tokens.nodeLabel(name);
  }

  int type(String name) {
    return tokens.relationshipType(name);
  }

  /** Each name's property key id, NO_TOKEN for a key never stored or a null name (none asked). */
  int[] keys(String... names) {
    int[] ids = new int[names.length];
    for (int k = 0; k < names.length; k++) ids[k] = names[k] == null ? NO_TOKEN : tokens.propertyKey(names[k]);
    return ids;
  }

  /** Receives the persons of a seq index read, in seq order. */
  interface SeqVisitor {
    void visit(long nodeReference, long seq);
  }

  /**
   * The nodes with `label` whose `key` (a unique integer, range-indexed: tiescore's person_seq
   * constraint) is in [from, to), in ascending order, read from the index alone.
   */
  void bySeq(String label, String key, long from, long to, SeqVisitor visitor) {
    int labelId = label(label);
    int keyId = tokens.propertyKey(key);
    if (labelId == NO_TOKEN || keyId == NO_TOKEN || from >= to) return; // nothing was ever stored under them
    IndexDescriptor descriptor = ktx.schemaRead().indexForSchemaAndIndexTypeNonTransactional(SchemaDescriptors.forLabel(labelId, keyId), IndexType.RANGE);
    if (descriptor == null) throw new IllegalStateException("tiescore.snapshot: no range index on :" + label + "(" + key + "); run tiescore's schema (cypher/schema.cypher)");
    try {
      IndexReadSession session = read.indexReadSession(descriptor);
      read.nodeIndexSeek(ktx.queryContext(), session, index, IndexQueryConstraints.constrained(IndexOrder.ASCENDING, true), PropertyIndexQuery.range(keyId, (Number) from, true, (Number) to, false));
    } catch (KernelException e) {
      throw new IllegalStateException("tiescore.snapshot: the :" + label + "(" + key + ") index could not be read", e);
    }
    while (index.next()) {
      Value seq = index.propertyValue(0);
      if (seq instanceof IntegralValue integral) visitor.visit(index.nodeReference(), integral.longValue());
    }
  }

  /** What `readProperties` asks the store for: only the keys it keeps. */
  static PropertySelection selectionOf(int[] keys) {
    return PropertySelection.selection(java.util.Arrays.stream(keys).filter(key -> key != NO_TOKEN).toArray());
  }

  /**
   * The properties of the entity `properties` was pointed at (with `selectionOf(keys)`), into
   * `values`: `values[k]` the value of `keys[k]`, null when absent.
   */
  void readProperties(int[] keys, Value[] values) {
    java.util.Arrays.fill(values, null);
    while (properties.next()) {
      int key = properties.propertyKey();
      for (int k = 0; k < keys.length; k++) {
        if (keys[k] == key) {
          values[k] = properties.propertyValue();
          break;
        }
      }
    }
  }

  /** A string property's value: null when absent or not a string. */
  static String text(Value value) {
    return value instanceof TextValue text ? text.stringValue() : null;
  }

  /** A number property as a double: NaN when absent or not a number. */
  static double number(Value value) {
    return value instanceof NumberValue number ? number.doubleValue() : Double.NaN;
  }

  @Override
  public void close() {
    index.close();
    properties.close();
    scan.close();
    relationships.close();
    other.close();
    node.close();
  }
}
