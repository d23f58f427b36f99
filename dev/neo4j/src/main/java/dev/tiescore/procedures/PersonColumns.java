package dev.tiescore.procedures;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.storageengine.api.RelationshipSelection;
import org.neo4j.values.storable.BooleanValue;
import org.neo4j.values.storable.TextValue;
import org.neo4j.values.storable.Value;

/**
 * A seq range of persons with their credit events as columns: the values
 * `cypher/persons/with-events-by-seq.cypher` returns, with numbers in Base64Columns and the
 * events' repeated strings (kind, source, status, dates) as codes into one dictionary, and the
 * other strings as lines: one string a column, the values joined by line feeds. The JavaScript
 * driver decodes each string of a message that spans several Bolt chunks by walking all of the
 * message's chunks, so 9M small strings cost 13 s of a 1M-person SNAPSHOT (profiled); one string
 * a column costs one walk. Read through the kernel's cursors (GraphCursors).
 */
final class PersonColumns {
  /** The number attributes, in the order of the `numbers` column (verified as 1 or 0). */
  static final String[] NUMBER_KEYS = {"verified", "incomeMonthly", "debtMonthly", "assets", "billsOnTimeRatio", "activityRegularity", "addressChanges", "birthYear"};
  /** The event fields coded through the dictionary, in the order of the `eventCodes` column. */
  static final String[] CODED_EVENT_KEYS = {"kind", "source", "status", "at", "until"};

  /** A person's keys as read: id, accountCreated, sex, then NUMBER_KEYS. */
  private static final int PERSON_ID = 0, ACCOUNT_CREATED = 1, SEX = 2, FIRST_NUMBER = 3;
  /** An event's keys as read: id, amount, then CODED_EVENT_KEYS. */
  private static final int EVENT_ID = 0, AMOUNT = 1, FIRST_CODED = 2;

  private final GraphCursors cursors;
  private final int[] personKeys;
  private final PropertySelection personSelection;
  private final int[] eventKeys;
  private final PropertySelection eventSelection;
  private final int eventLabel;
  private final RelationshipSelection hasEvent;
  private final Value[] person;
  private final Value[] event;

  private final Ints seqs = new Ints();
  private final List<String> ids = new ArrayList<>();
  private final Doubles numbers = new Doubles();
  private final List<String> accountCreated = new ArrayList<>();
  private final List<String> sex = new ArrayList<>();
  private final Ints eventOwners = new Ints();
  private final List<String> eventIds = new ArrayList<>();
  private final Doubles eventAmounts = new Doubles();
  private final Ints eventCodes = new Ints();
  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> dictionary = new ArrayList<>();

  /** One person's events while they are sorted: ids, amounts, codes (CODED_EVENT_KEYS.length each). */
  private String[] ownIds = new String[16];
  private double[] ownAmounts = new double[16];
  private int[] ownCodes = new int[16 * CODED_EVENT_KEYS.length];
  private Integer[] order = new Integer[16];

  PersonColumns(GraphCursors cursors) {
    this.cursors = cursors;
    String[] personNames = new String[FIRST_NUMBER + NUMBER_KEYS.length];
    personNames[PERSON_ID] = "id";
    personNames[ACCOUNT_CREATED] = "accountCreated";
    personNames[SEX] = "sex";
    System.arraycopy(NUMBER_KEYS, 0, personNames, FIRST_NUMBER, NUMBER_KEYS.length);
    personKeys = cursors.keys(personNames);
    personSelection = GraphCursors.selectionOf(personKeys);
    String[] eventNames = new String[FIRST_CODED + CODED_EVENT_KEYS.length];
    eventNames[EVENT_ID] = "id";
    eventNames[AMOUNT] = "amount";
    System.arraycopy(CODED_EVENT_KEYS, 0, eventNames, FIRST_CODED, CODED_EVENT_KEYS.length);
    eventKeys = cursors.keys(eventNames);
    eventSelection = GraphCursors.selectionOf(eventKeys);
    eventLabel = cursors.label("Event");
    int hasEventType = cursors.type("HAS_EVENT");
    hasEvent = hasEventType == GraphCursors.NO_TOKEN ? null : RelationshipSelection.selection(hasEventType, Direction.OUTGOING);
    person = new Value[personKeys.length];
    event = new Value[eventKeys.length];
  }

  /** Adds the person at `nodeReference` (seq `seq`) and their events. */
  void add(long nodeReference, int seq) {
    cursors.read.singleNode(nodeReference, cursors.node);
    if (!cursors.node.next()) return; // deleted since the index was read
    cursors.node.properties(cursors.properties, personSelection);
    cursors.readProperties(personKeys, person);
    int owner = ids.size();
    seqs.add(seq);
    ids.add(GraphCursors.text(person[PERSON_ID]));
    for (int k = 0; k < NUMBER_KEYS.length; k++) {
      Value value = person[FIRST_NUMBER + k];
      numbers.add(value instanceof BooleanValue flag ? (flag.booleanValue() ? 1.0 : 0.0) : GraphCursors.number(value));
    }
    accountCreated.add(GraphCursors.text(person[ACCOUNT_CREATED]));
    sex.add(GraphCursors.text(person[SEX]));
    if (hasEvent == null || eventLabel == GraphCursors.NO_TOKEN) return;
    int count = 0;
    cursors.node.relationships(cursors.relationships, hasEvent);
    while (cursors.relationships.next()) {
      cursors.relationships.otherNode(cursors.other);
      if (!cursors.other.next() || !cursors.other.hasLabel(eventLabel)) continue;
      cursors.other.properties(cursors.properties, eventSelection);
      cursors.readProperties(eventKeys, event);
      if (count == ownIds.length) grow();
      ownIds[count] = GraphCursors.text(event[EVENT_ID]);
      ownAmounts[count] = GraphCursors.number(event[AMOUNT]);
      for (int k = 0; k < CODED_EVENT_KEYS.length; k++) ownCodes[count * CODED_EVENT_KEYS.length + k] = codeOf(event[FIRST_CODED + k]);
      order[count] = count;
      count++;
    }
    // As persons/with-events-by-seq's reader orders them: by id, in code-unit order.
    Arrays.sort(order, 0, count, (x, y) -> compareIds(ownIds[x], ownIds[y]));
    for (int i = 0; i < count; i++) {
      int j = order[i];
      eventOwners.add(owner);
      eventIds.add(ownIds[j]);
      eventAmounts.add(ownAmounts[j]);
      for (int k = 0; k < CODED_EVENT_KEYS.length; k++) eventCodes.add(ownCodes[j * CODED_EVENT_KEYS.length + k]);
    }
  }

  /** The batch as the procedure's row (SnapshotProcedures.PersonBatch says what each field holds). */
  SnapshotProcedures.PersonBatch batch() {
    SnapshotProcedures.PersonBatch batch = new SnapshotProcedures.PersonBatch();
    batch.seqs = Base64Columns.ints(seqs.values, seqs.size);
    batch.ids = lines(ids);
    batch.numbers = Base64Columns.doubles(numbers.values, numbers.size);
    batch.accountCreated = lines(accountCreated);
    batch.sex = lines(sex);
    batch.eventOwners = Base64Columns.ints(eventOwners.values, eventOwners.size);
    batch.eventIds = lines(eventIds);
    batch.eventAmounts = Base64Columns.doubles(eventAmounts.values, eventAmounts.size);
    batch.eventCodes = Base64Columns.ints(eventCodes.values, eventCodes.size);
    batch.dictionary = dictionary;
    return batch;
  }

  private void grow() {
    int size = ownIds.length * 2;
    ownIds = Arrays.copyOf(ownIds, size);
    ownAmounts = Arrays.copyOf(ownAmounts, size);
    ownCodes = Arrays.copyOf(ownCodes, size * CODED_EVENT_KEYS.length);
    order = Arrays.copyOf(order, size);
  }

  private int codeOf(Value value) {
    if (!(value instanceof TextValue text)) return -1;
    return codes.computeIfAbsent(text.stringValue(), key -> {
      dictionary.add(key);
      return dictionary.size() - 1;
    });
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

  private static int compareIds(String x, String y) {
    if (x == null || y == null) return x == null ? (y == null ? 0 : -1) : 1;
    return x.compareTo(y);
  }

  /** A growing int column. */
  static final class Ints {
    int[] values = new int[1024];
    int size;

    void add(int value) {
      if (size == values.length) values = Arrays.copyOf(values, size * 2);
      values[size++] = value;
    }
  }

  /** A growing double column. */
  static final class Doubles {
    double[] values = new double[1024];
    int size;

    void add(double value) {
      if (size == values.length) values = Arrays.copyOf(values, size * 2);
      values[size++] = value;
    }
  }
}
