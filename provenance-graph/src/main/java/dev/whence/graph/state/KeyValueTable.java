package dev.whence.graph.state;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A sorted table of byte values under string keys: what a Kafka Streams {@code
 * KeyValueStore<String, byte[]>} offers (get, put, delete, prefixScan, range). Keys compare as
 * their UTF-8 bytes; every key {@link KeyValueGraphState} writes is ASCII-sortable where order
 * matters.
 */
public interface KeyValueTable {

  /** The value under {@code key}, or null. */
  byte[] get(String key);

  /** Stores {@code value} under {@code key}. */
  void put(String key, byte[] value);

  /** Removes {@code key}. */
  void delete(String key);

  /** Values of every key starting with {@code prefix}, in key order. */
  List<byte[]> valuesWithPrefix(String prefix);

  /** Up to {@code max} entries with {@code from <= key <= to}, in key order. */
  List<Map.Entry<String, byte[]>> range(String from, String to, int max);

  /**
   * Calls {@code action} with every entry, in no particular order; it must not change the table.
   */
  void forEach(BiConsumer<String, byte[]> action);
}
