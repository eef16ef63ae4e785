package dev.whence.collector.linux.normalize;

import dev.whence.collector.linux.AuditRecord;
import java.util.Arrays;

/**
 * The keys of the raw map of one record prefix ({@code SYSCALL.}, {@code PATH.1.}), prefix plus
 * field key, by {@link AuditRecord#keyIndex(int)}, so that each is built once and found with an
 * array read. Valid for the records of one {@link AuditRecord#keyTable()}. Not thread-safe.
 */
final class RawKeys {

  /** Key indexes at or above this are not kept (the table stays small under a flood of keys). */
  static final int MAX_INDEX = 1024;

  final String prefix;
  final Object table;
  private String[] keys = new String[64];

  RawKeys(String prefix, Object table) {
    this.prefix = prefix;
    this.table = table;
  }

  /** The raw key of field {@code i} of {@code rec} (a record of {@link #table}), or null. */
  String get(AuditRecord rec, int i) {
    int k = rec.keyIndex(i);
    return k < keys.length ? keys[k] : null;
  }

  /** Remembers {@code key} as the raw key of field {@code i} of {@code rec}. */
  void put(AuditRecord rec, int i, String key) {
    int k = rec.keyIndex(i);
    if (k >= MAX_INDEX) {
      return;
    }
    if (k >= keys.length) {
      keys = Arrays.copyOf(keys, Math.min(MAX_INDEX, Math.max(k + 1, keys.length * 2)));
    }
    keys[k] = key;
  }
}
