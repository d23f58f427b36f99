package dev.tiescore.procedures;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Column buffers for one batch of contact edges, sent as Base64Columns. */
final class ContactColumns {
  /** The day number of a date that is absent or not a `YYYY-MM-DD` calendar date. */
  static final int NO_DAY = Integer.MIN_VALUE;

  private final int[] start;
  private final int[] end;
  private final int[] day;
  private final double[] first;
  private final double[] second;
  private int size;

  ContactColumns(int capacity) {
    start = new int[capacity];
    end = new int[capacity];
    day = new int[capacity];
    first = new double[capacity];
    second = new double[capacity];
  }

  int size() {
    return size;
  }

  boolean full() {
    return size == start.length;
  }

  void add(int startSeq, int endSeq, int dayNumber, double firstValue, double secondValue) {
    start[size] = startSeq;
    end[size] = endSeq;
    day[size] = dayNumber;
    first[size] = firstValue;
    second[size] = secondValue;
    size++;
  }

  void clear() {
    size = 0;
  }

  String starts() {
    return Base64Columns.ints(start, size);
  }

  String ends() {
    return Base64Columns.ints(end, size);
  }

  String days() {
    return Base64Columns.ints(day, size);
  }

  String firsts() {
    return Base64Columns.doubles(first, size);
  }

  String seconds() {
    return Base64Columns.doubles(second, size);
  }

  /**
   * Days since 1970-01-01 of an ISO date string (`YYYY-MM-DD`, a `T…` time part ignored), as
   * tiescore's `dayNumber` reads it — years before 100 included among the refused — or `NO_DAY`.
   */
  static int dayNumber(String text) {
    if (text == null || text.length() < 10) return NO_DAY;
    if (text.length() > 10 && text.charAt(10) != 'T') return NO_DAY;
    if (text.charAt(4) != '-' || text.charAt(7) != '-') return NO_DAY;
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int dayOfMonth = digits(text, 8, 10);
    if (year < 100 || month < 0 || dayOfMonth < 0) return NO_DAY;
    try {
      return (int) LocalDate.of(year, month, dayOfMonth).toEpochDay();
    } catch (DateTimeException invalid) {
      return NO_DAY;
    }
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
