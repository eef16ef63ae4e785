package dev.whence.graph.detect;

import dev.whence.graph.state.KeyValueTable;
import dev.whence.graph.state.SortedMapTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link MatchStore} over a {@link KeyValueTable} (a Streams key-value store through the
 * integrator's adapter, or {@link SortedMapTable} in memory). Entries live under {@code m/KEY}; the
 * expiry index under {@code x/<20-digit nanos>/KEY}, so a range scan finds due keys.
 */
public final class KeyValueMatchStore implements MatchStore {

  /** First characters of the keys this store scans by range (its expiry index, {@code x/}). */
  public static final String SCANNED_TABLES = "x";

  private static final String ENTRY = "m/";
  private static final String INDEX = SCANNED_TABLES + "/";

  /** The value of every index entry (never written to): the key says it all. */
  private static final byte[] NO_VALUE = new byte[0];

  private final KeyValueTable table;

  /** A store over {@code table}. */
  public KeyValueMatchStore(KeyValueTable table) {
    this.table = table;
  }

  /** A store in memory, for tests and tools. */
  public static KeyValueMatchStore inMemory() {
    return new KeyValueMatchStore(new SortedMapTable());
  }

  @Override
  public List<PartialMatch> get(String key) {
    byte[] bytes = table.get(ENTRY + key);
    return bytes == null ? List.of() : MatchCodec.decode(bytes).matches();
  }

  @Override
  public void put(String key, List<PartialMatch> matches) {
    byte[] old = table.get(ENTRY + key);
    Long oldDue = old == null ? null : MatchCodec.due(old);
    if (matches.isEmpty()) {
      table.delete(ENTRY + key);
      if (oldDue != null) {
        table.delete(indexKey(oldDue, key));
      }
      return;
    }
    long due = Long.MAX_VALUE;
    for (PartialMatch m : matches) {
      due = Math.min(due, m.expiresNanos());
    }
    table.put(ENTRY + key, MatchCodec.encode(due, matches));
    if (oldDue == null || oldDue != due) {
      if (oldDue != null) {
        table.delete(indexKey(oldDue, key));
      }
      table.put(indexKey(due, key), NO_VALUE);
    }
  }

  @Override
  public List<String> keysDueBy(long nanos, int max) {
    long upTo = Math.max(0, nanos);
    String to = INDEX + pad(upTo) + "0";
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : table.range(INDEX, to, max)) {
      String k = e.getKey();
      keys.add(k.substring(INDEX.length() + 21));
    }
    return keys;
  }

  private static String indexKey(long due, String key) {
    return INDEX + pad(Math.max(0, due)) + "/" + key;
  }

  private static String pad(long n) {
    String s = Long.toString(n);
    return "0".repeat(20 - s.length()) + s;
  }
}
