package dev.whence.graph.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link GraphState} over two {@link KeyValueTable}s: one for entries under {@link
 * StateKey#storeKey()}, encoded with {@link StateCodec}; one for the expiry index, keyed by the due
 * time in 16 hexadecimal digits (sign bit flipped, so text order is time order) followed by the
 * store key. A Streams topology backs each table with a persistent {@code KeyValueStore<String,
 * byte[]>}.
 */
public final class KeyValueGraphState implements GraphState {

  /**
   * First characters of the entry keys that this state scans by prefix (descriptors, {@code d|});
   * the expiry index is scanned by range from its start.
   */
  public static final String SCANNED_ENTRY_TABLES = "d";

  private static final String MAX_SUFFIX = "\uffff";

  private final KeyValueTable entries;
  private final KeyValueTable expiries;

  /** A state over an entry table and an expiry-index table. */
  public KeyValueGraphState(KeyValueTable entries, KeyValueTable expiries) {
    this.entries = entries;
    this.expiries = expiries;
  }

  @Override
  public Optional<ProcessEntry> process(ProcessKey key) {
    return get(key, StateCodec::decodeProcess);
  }

  @Override
  public void putProcess(ProcessEntry entry) {
    entries.put(entry.key().storeKey(), StateCodec.encode(entry));
  }

  @Override
  public void deleteProcess(ProcessKey key) {
    entries.delete(key.storeKey());
  }

  @Override
  public Optional<DescriptorEntry> descriptor(DescriptorKey key) {
    return get(key, StateCodec::decodeDescriptor);
  }

  @Override
  public void putDescriptor(DescriptorEntry entry) {
    entries.put(entry.key().storeKey(), StateCodec.encode(entry));
  }

  @Override
  public void deleteDescriptor(DescriptorKey key) {
    entries.delete(key.storeKey());
  }

  @Override
  public List<DescriptorEntry> descriptorsOf(ProcessKey process) {
    List<DescriptorEntry> out = new ArrayList<>();
    for (byte[] value : entries.valuesWithPrefix(DescriptorKey.prefixOf(process))) {
      out.add(StateCodec.decodeDescriptor(value));
    }
    return out;
  }

  @Override
  public Optional<FileEntry> file(FileKey key) {
    return get(key, StateCodec::decodeFile);
  }

  @Override
  public void putFile(FileEntry entry) {
    entries.put(entry.key().storeKey(), StateCodec.encode(entry));
  }

  @Override
  public void deleteFile(FileKey key) {
    entries.delete(key.storeKey());
  }

  @Override
  public Optional<AliasEntry> alias(AliasKey key) {
    return get(key, StateCodec::decodeAlias);
  }

  @Override
  public void putAlias(AliasEntry entry) {
    entries.put(entry.key().storeKey(), StateCodec.encode(entry));
  }

  @Override
  public void deleteAlias(AliasKey key) {
    entries.delete(key.storeKey());
  }

  @Override
  public Optional<DedupWindow> dedup(DedupKey key) {
    return get(key, StateCodec::decodeDedup);
  }

  @Override
  public void putDedup(DedupWindow window) {
    entries.put(window.key().storeKey(), StateCodec.encode(window));
  }

  @Override
  public void deleteDedup(DedupKey key) {
    entries.delete(key.storeKey());
  }

  @Override
  public void schedule(Expiry expiry) {
    expiries.put(indexKey(expiry), StateCodec.encode(expiry.key()));
  }

  @Override
  public List<Expiry> takeDue(long nowNanos, int max) {
    List<Expiry> due = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : expiries.range("", time(nowNanos) + MAX_SUFFIX, max)) {
      due.add(new Expiry(parseTime(e.getKey()), StateCodec.decodeKey(e.getValue())));
      expiries.delete(e.getKey());
    }
    return due;
  }

  /**
   * Writes the index entry of every entry that expires (processes, files, aliases, de-duplication
   * windows; descriptors go with their process), from the entries alone, and returns how many it
   * wrote. A topology keeps the index without a changelog and calls this when a task starts, so the
   * index is whole after the entries were restored, on this instance or another. Index entries
   * already there, or left over, do no harm: expiry ignores an index entry whose due time is no
   * longer its entry's, or whose entry is gone.
   */
  public int rebuildExpiryIndex() {
    int[] written = {0};
    entries.forEach(
        (key, value) -> {
          Expiry expiry = expiryOrNull(key, value);
          if (expiry != null) {
            schedule(expiry);
            written[0]++;
          }
        });
    return written[0];
  }

  /**
   * The expiry the stored entry {@code value} under {@code storeKey} is due for, or empty for an
   * entry that goes with another (a descriptor).
   */
  public static Optional<Expiry> expiryOf(String storeKey, byte[] value) {
    return Optional.ofNullable(expiryOrNull(storeKey, value));
  }

  private static Expiry expiryOrNull(String storeKey, byte[] value) {
    switch (storeKey.isEmpty() ? ' ' : storeKey.charAt(0)) {
      case 'p' -> {
        ProcessEntry p = StateCodec.decodeProcess(value);
        return new Expiry(p.expiryDue(), p.key());
      }
      case 'f' -> {
        FileEntry f = StateCodec.decodeFile(value);
        return new Expiry(f.expiryDue(), f.key());
      }
      case 'a' -> {
        AliasEntry a = StateCodec.decodeAlias(value);
        return new Expiry(a.expiryDue(), a.key());
      }
      case 's' -> {
        DedupWindow w = StateCodec.decodeDedup(value);
        return new Expiry(w.expiryDue(), w.key());
      }
      default -> {
        return null;
      }
    }
  }

  /** The index key of an expiry: its due time as sortable text, then the store key. */
  public static String indexKey(Expiry expiry) {
    return time(expiry.dueNanos()) + expiry.key().storeKey();
  }

  private static String time(long nanos) {
    long v = nanos ^ Long.MIN_VALUE;
    char[] digits = new char[16];
    for (int i = 15; i >= 0; i--) {
      digits[i] = Character.forDigit((int) (v & 0xF), 16);
      v >>>= 4;
    }
    return new String(digits);
  }

  private static long parseTime(String indexKey) {
    return Long.parseUnsignedLong(indexKey.substring(0, 16), 16) ^ Long.MIN_VALUE;
  }

  private <T> Optional<T> get(StateKey key, Function<byte[], T> decode) {
    byte[] value = entries.get(key.storeKey());
    return value == null ? Optional.empty() : Optional.of(decode.apply(value));
  }
}
