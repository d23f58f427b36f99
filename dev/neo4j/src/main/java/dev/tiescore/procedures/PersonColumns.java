package dev.tiescore.procedures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;

/**
 * A seq range of persons with their credit events as columns: the values
 * `cypher/persons/with-events-by-seq.cypher` returns, with numbers in Base64Columns and the
 * events' repeated strings (kind, source, status, dates) as codes into one dictionary, and the
 * other strings as lines: one string a column, the values joined by line feeds. The JavaScript
 * driver decodes each string of a message that spans several Bolt chunks by walking all of the
 * message's chunks, so 9M small strings cost 13 s of a 1M-person SNAPSHOT (profiled); one string
 * a column costs one walk.
 */
final class PersonColumns {
  /** The number attributes, in the order of the `numbers` column (verified as 1 or 0). */
  static final String[] NUMBER_KEYS = {"verified", "incomeMonthly", "debtMonthly", "assets", "billsOnTimeRatio", "activityRegularity", "addressChanges", "birthYear"};
  /** The event fields coded through the dictionary, in the order of the `eventCodes` column. */
  static final String[] CODED_EVENT_KEYS = {"kind", "source", "status", "at", "until"};

  private static final RelationshipType HAS_EVENT = RelationshipType.withName("HAS_EVENT");
  private static final Label EVENT = Label.label("Event");

  private final List<Integer> seqs = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();
  private final List<Double> numbers = new ArrayList<>();
  private final List<String> accountCreated = new ArrayList<>();
  private final List<String> sex = new ArrayList<>();
  private final List<Integer> eventOwners = new ArrayList<>();
  private final List<String> eventIds = new ArrayList<>();
  private final List<Double> eventAmounts = new ArrayList<>();
  private final List<Integer> eventCodes = new ArrayList<>();
  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> dictionary = new ArrayList<>();

  /** Adds a person and their events (each node's properties read in one pass: getProperty walks the chain from its start). */
  void add(Node person, int seq) {
    int owner = ids.size();
    Map<String, Object> props = person.getAllProperties();
    seqs.add(seq);
    ids.add(text(props.get("id")));
    for (String key : NUMBER_KEYS) {
      Object value = props.get(key);
      numbers.add(value instanceof Boolean flag ? (flag ? 1.0 : 0.0) : ContactColumns.number(value));
    }
    accountCreated.add(text(props.get("accountCreated")));
    sex.add(text(props.get("sex")));
    List<Map<String, Object>> events = new ArrayList<>();
    for (Relationship link : person.getRelationships(Direction.OUTGOING, HAS_EVENT)) {
      Node event = link.getEndNode();
      if (event.hasLabel(EVENT)) events.add(event.getAllProperties());
    }
    // As persons/with-events-by-seq's reader orders them: by id, in code-unit order.
    events.sort((x, y) -> compareIds(text(x.get("id")), text(y.get("id"))));
    for (Map<String, Object> event : events) {
      eventOwners.add(owner);
      eventIds.add(text(event.get("id")));
      eventAmounts.add(ContactColumns.number(event.get("amount")));
      for (String key : CODED_EVENT_KEYS) eventCodes.add(codeOf(event.get(key)));
    }
  }

  /** The batch as the procedure's row (SnapshotProcedures.PersonBatch says what each field holds). */
  SnapshotProcedures.PersonBatch batch() {
    SnapshotProcedures.PersonBatch batch = new SnapshotProcedures.PersonBatch();
    batch.seqs = Base64Columns.ints(ints(seqs), seqs.size());
    batch.ids = lines(ids);
    batch.numbers = Base64Columns.doubles(doubles(numbers), numbers.size());
    batch.accountCreated = lines(accountCreated);
    batch.sex = lines(sex);
    batch.eventOwners = Base64Columns.ints(ints(eventOwners), eventOwners.size());
    batch.eventIds = lines(eventIds);
    batch.eventAmounts = Base64Columns.doubles(doubles(eventAmounts), eventAmounts.size());
    batch.eventCodes = Base64Columns.ints(ints(eventCodes), eventCodes.size());
    batch.dictionary = dictionary;
    return batch;
  }

  private int codeOf(Object value) {
    if (!(value instanceof String text)) return -1;
    Integer code = codes.get(text);
    if (code == null) {
      code = dictionary.size();
      codes.put(text, code);
      dictionary.add(text);
    }
    return code;
  }

  /**
   * The values joined by line feeds, null as an empty line. tiescore's ids and dates hold no
   * control character (its importer refuses them), so a line feed in a value is refused here
   * rather than read back as two values.
   */
  static String lines(List<String> values) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < values.size(); k++) {
      String value = values.get(k);
      if (value != null && value.indexOf('\n') >= 0) throw new IllegalArgumentException("tiescore.snapshot.persons: a stored value holds a line feed: " + value);
      if (k > 0) out.append('\n');
      if (value != null) out.append(value);
    }
    return out.toString();
  }

  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }

  private static int compareIds(String x, String y) {
    if (x == null || y == null) return x == null ? (y == null ? 0 : -1) : 1;
    return x.compareTo(y);
  }

  private static int[] ints(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int k = 0; k < out.length; k++) out[k] = values.get(k);
    return out;
  }

  private static double[] doubles(List<Double> values) {
    double[] out = new double[values.size()];
    for (int k = 0; k < out.length; k++) out[k] = values.get(k);
    return out;
  }
}
