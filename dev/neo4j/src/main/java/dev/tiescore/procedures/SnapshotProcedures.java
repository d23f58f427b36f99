package dev.tiescore.procedures;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.values.storable.Value;

/**
 * tiescore's reads of the whole graph as packed columns (docs/design.md, "Reading the graph"):
 * the persons of a seq range with their credit events, and every FRIEND or PAID relationship
 * between two persons with both ends as seqs. Through Cypher each value is a Bolt value that Neo4j
 * builds and the client decodes one by one; here a column of values is one string
 * (Base64Columns). The values are those of `cypher/persons/with-events-by-seq.cypher`,
 * `cypher/friendships/by-seq.cypher` and `cypher/transactions/by-seq.cypher`; edge dates come as
 * day numbers.
 *
 * Installed like any Neo4j plugin (the jar in the server's plugins folder); tiescore reads through
 * Cypher where they are not.
 */
public final class SnapshotProcedures {
  private static final int MAX_BATCH = 1 << 20;

  @Context public Transaction tx;

  /** One batch of edges: each field a little-endian column of `size` values, base64. */
  public static final class EdgeBatch {
    /** Edges in the batch. */
    public long size;
    /** Int32: the start person's seq (FRIEND: the smaller id's end; PAID: the payer). */
    public String start;
    /** Int32: the other person's seq. */
    public String end;
    /** Int32: the date's day number (FRIEND: since; PAID: lastAt), or -2^31 when not a date. */
    public String day;
    /** Float64: FRIEND interactions; PAID count. NaN when absent. */
    public String first;
    /** Float64: PAID amount; FRIEND: always NaN. */
    public String second;

    EdgeBatch(ContactColumns columns) {
      size = columns.size();
      start = columns.starts();
      end = columns.ends();
      day = columns.days();
      first = columns.firsts();
      second = columns.seconds();
    }
  }

  /**
   * Persons with seqs in a range and their credit events. Person i of the batch is at index i of
   * every person column; event j at index j of every event column.
   */
  public static final class PersonBatch {
    /** Int32 column: the persons' seqs, ascending. */
    public String seqs;
    /** Lines column (PersonColumns.lines): the persons' ids. */
    public String ids;
    /** Float64 column, PersonColumns.NUMBER_KEYS.length values a person in that order; NaN when absent. */
    public String numbers;
    /** Lines column: each person's accountCreated, an empty line when absent. */
    public String accountCreated;
    /** Lines column: each person's sex, an empty line when absent. */
    public String sex;
    /** Int32 column: the index in this batch of each event's person; a person's events are consecutive, by id. */
    public String eventOwners;
    /** Lines column: the events' ids. */
    public String eventIds;
    /** Float64 column: the events' amounts (NaN when absent). */
    public String eventAmounts;
    /** Int32 column, PersonColumns.CODED_EVENT_KEYS.length codes an event in that order: an index into dictionary, or -1 when absent. */
    public String eventCodes;
    /** The distinct strings the event codes point at. */
    public List<String> dictionary;
  }

  @Procedure(name = "tiescore.snapshot.persons", mode = Mode.READ)
  @Description("tiescore SNAPSHOT and SCORE: the persons with seqs in [fromSeq, toSeq) and their credit events, as one row of columns.")
  public Stream<PersonBatch> persons(@Name("fromSeq") long fromSeq, @Name("toSeq") long toSeq) {
    if (fromSeq < 0 || toSeq < fromSeq || toSeq - fromSeq > MAX_BATCH) {
      throw new IllegalArgumentException("tiescore.snapshot.persons: need 0 <= fromSeq <= toSeq <= fromSeq + " + MAX_BATCH + ", got [" + fromSeq + ", " + toSeq + ")");
    }
    try (GraphCursors cursors = GraphCursors.open(tx)) {
      PersonColumns columns = new PersonColumns(cursors);
      cursors.bySeq("Person", "seq", fromSeq, toSeq, (node, seq) -> columns.add(node, (int) seq));
      return Stream.of(columns.batch());
    }
  }

  @Procedure(name = "tiescore.snapshot.friendships", mode = Mode.READ)
  @Description("tiescore SNAPSHOT: every FRIEND edge between persons as packed columns (seqs, since as a day number, interactions), batchSize edges a row.")
  public Stream<EdgeBatch> friendships(@Name("batchSize") long batchSize) {
    return batches("FRIEND", batchSize, "since", "interactions", null);
  }

  @Procedure(name = "tiescore.snapshot.transactions", mode = Mode.READ)
  @Description("tiescore SNAPSHOT: every PAID edge between persons as packed columns (seqs, lastAt as a day number, count, amount), batchSize edges a row.")
  public Stream<EdgeBatch> transactions(@Name("batchSize") long batchSize) {
    return batches("PAID", batchSize, "lastAt", "count", "amount");
  }

  private Stream<EdgeBatch> batches(String type, long batchSize, String dayKey, String firstKey, String secondKey) {
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new IllegalArgumentException("tiescore.snapshot: batchSize must be between 1 and " + MAX_BATCH + ", got " + batchSize);
    }
    GraphCursors cursors = GraphCursors.open(tx);
    try {
      EdgeBatches iterator = new EdgeBatches(cursors, SeqsByNode.of(cursors), type, (int) batchSize, dayKey, firstKey, secondKey);
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(cursors::close);
    } catch (RuntimeException e) {
      cursors.close();
      throw e;
    }
  }

  /**
   * Walks every relationship in store order (a sequential read: following each person's chain
   * instead cost three to five times as much at 1M, measured) and keeps those of one type between
   * two persons, a batch at a time.
   */
  private static final class EdgeBatches implements Iterator<EdgeBatch> {
    private static final int DAY = 0, FIRST = 1, SECOND = 2;

    private final GraphCursors cursors;
    private final SeqsByNode seqs;
    private final int type;
    private final int[] keys;
    private final PropertySelection keySelection;
    private final Value[] values = new Value[3];
    private final ContactColumns columns;
    private EdgeBatch next;
    private boolean done;

    EdgeBatches(GraphCursors cursors, SeqsByNode seqs, String type, int batchSize, String dayKey, String firstKey, String secondKey) {
      this.cursors = cursors;
      this.seqs = seqs;
      this.type = cursors.type(type);
      this.keys = cursors.keys(dayKey, firstKey, secondKey);
      this.keySelection = GraphCursors.selectionOf(keys);
      this.columns = new ContactColumns(batchSize);
      if (this.type != GraphCursors.NO_TOKEN) cursors.read.allRelationshipsScan(cursors.scan);
      else done = true;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) next = fill();
      return next != null;
    }

    @Override
    public EdgeBatch next() {
      if (!hasNext()) throw new NoSuchElementException();
      EdgeBatch batch = next;
      next = null;
      return batch;
    }

    private EdgeBatch fill() {
      columns.clear();
      while (!columns.full() && cursors.scan.next()) {
        if (cursors.scan.type() != type) continue;
        int startSeq = seqs.seqOf(cursors.scan.sourceNodeReference());
        int endSeq = seqs.seqOf(cursors.scan.targetNodeReference());
        if (startSeq < 0 || endSeq < 0) continue; // not between persons: the Cypher reads match (:Person)-->(:Person)
        cursors.scan.properties(cursors.properties, keySelection);
        cursors.readProperties(keys, values);
        columns.add(
            startSeq,
            endSeq,
            ContactColumns.dayNumber(GraphCursors.text(values[DAY])),
            GraphCursors.number(values[FIRST]),
            GraphCursors.number(values[SECOND]));
      }
      if (columns.size() == 0) {
        done = true;
        cursors.close();
        return null;
      }
      return new EdgeBatch(columns);
    }
  }
}
