package dev.whence.collector.linux.normalize;

import dev.whence.collector.linux.AuditRecord;
import java.util.List;

/**
 * The keys of the raw map of one shape of event, kept so that the next event of that shape fills in
 * values only: the same record prefixes, key tables, field counts and used fields, and the same key
 * index at every unused field. The keys and their index table are shared (read-only) by every
 * {@link RawFieldMap} built from the layout. Immutable.
 */
final class RawLayout {

  private final String[] prefixes;
  private final Object[] tables;
  private final int[] fieldCounts;
  private final long[][] used;

  /** Key index of each unused field, records in order. */
  private final int[] keyIndexes;

  /** Field key of each unused field (a key may have several indexes in one table). */
  private final String[] fieldKeys;

  private final String[] keys;
  private final int[] index;

  private RawLayout(
      String[] prefixes,
      Object[] tables,
      int[] fieldCounts,
      long[][] used,
      int[] keyIndexes,
      String[] fieldKeys,
      String[] keys,
      int[] index) {
    this.prefixes = prefixes;
    this.tables = tables;
    this.fieldCounts = fieldCounts;
    this.used = used;
    this.keyIndexes = keyIndexes;
    this.fieldKeys = fieldKeys;
    this.keys = keys;
    this.index = index;
  }

  /**
   * The layout of {@code raw}, built from {@code records} with these prefixes and used fields,
   * whose unused fields (none of them BARE) had the key indexes {@code keyIndexes[0, count)} in
   * order and gave the keys of {@code raw} one each, in the same order.
   */
  static RawLayout of(
      List<AuditRecord> records,
      String[] prefixes,
      long[][] used,
      int[] keyIndexes,
      int count,
      RawFieldMap raw) {
    int n = records.size();
    Object[] tables = new Object[n];
    int[] fieldCounts = new int[n];
    long[][] usedCopy = new long[n][];
    String[] fieldKeys = new String[count];
    int j = 0;
    for (int r = 0; r < n; r++) {
      AuditRecord rec = records.get(r);
      tables[r] = rec.keyTable();
      fieldCounts[r] = rec.fieldCount();
      usedCopy[r] = used[r].clone();
      for (int i = 0; i < rec.fieldCount() && j < count; i++) {
        if ((used[r][i >> 6] & (1L << i)) == 0) {
          fieldKeys[j++] = rec.key(i);
        }
      }
    }
    return new RawLayout(
        prefixes.clone(),
        tables,
        fieldCounts,
        usedCopy,
        java.util.Arrays.copyOf(keyIndexes, count),
        fieldKeys,
        raw.keysCopy(),
        raw.indexCopy());
  }

  /** A hash of what {@link #matches} compares except the key indexes. */
  static int shape(List<AuditRecord> records, long[][] used) {
    int h = records.size();
    for (int r = 0; r < used.length; r++) {
      AuditRecord rec = records.get(r);
      h = h * 31 + rec.typeNumber();
      h = h * 31 + rec.fieldCount();
      for (long word : used[r]) {
        h = h * 31 + Long.hashCode(word);
      }
    }
    return h;
  }

  /** Whether the records have this layout's prefixes, key tables, field counts and used fields. */
  boolean matches(List<AuditRecord> records, String[] prefixes, long[][] used) {
    int n = records.size();
    if (n != fieldCounts.length) {
      return false;
    }
    for (int r = 0; r < n; r++) {
      AuditRecord rec = records.get(r);
      if (rec.fieldCount() != fieldCounts[r] || rec.keyTable() != tables[r]) {
        return false;
      }
      String p = prefixes[r];
      if (p != this.prefixes[r] && (p == null || !p.equals(this.prefixes[r]))) {
        return false;
      }
      long[] u = used[r];
      long[] mine = this.used[r];
      for (int k = 0; k < u.length; k++) {
        if (u[k] != mine[k]) {
          return false;
        }
      }
    }
    return true;
  }

  /** Number of keys. */
  int size() {
    return keys.length;
  }

  /**
   * Whether field {@code i} of {@code rec} has the key expected at the {@code j}-th unused field.
   */
  boolean keyAt(int j, AuditRecord rec, int i) {
    return rec.keyIndex(i) == keyIndexes[j] || rec.key(i).equals(fieldKeys[j]);
  }

  /** The {@code j}-th key. */
  String key(int j) {
    return keys[j];
  }

  /** A raw map of this layout's keys with {@code values}, one per key. */
  RawFieldMap map(String[] values) {
    return new RawFieldMap(keys, index, values);
  }
}
