package dev.whence.collector.linux.live.rules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The kernel's {@code struct audit_rule_data} (uapi linux/audit.h), the payload of AUDIT_ADD_RULE,
 * AUDIT_DEL_RULE and AUDIT_LIST_RULES: flags (the filter list), action, field count, a 64-word
 * system call bit mask, 64 fields, 64 values, 64 operator words, the string buffer's length and the
 * strings of the string fields, one after the other, without terminators.
 */
public final class AuditRuleData {

  /** AUDIT_MAX_FIELDS. */
  public static final int MAX_FIELDS = 64;

  /** AUDIT_BITMASK_SIZE, in 32-bit words. */
  public static final int BITMASK_WORDS = 64;

  /** Size of the fixed part. */
  public static final int FIXED_LENGTH = 4 * (3 + BITMASK_WORDS + 3 * MAX_FIELDS + 1);

  private AuditRuleData() {}

  /** Encodes a rule. */
  public static byte[] encode(AuditRule rule) {
    if (rule.fields().size() > MAX_FIELDS) {
      throw new IllegalArgumentException(
          "a rule has at most " + MAX_FIELDS + " fields, not " + rule.fields().size());
    }
    List<byte[]> strings = new ArrayList<>();
    int bufferLength = 0;
    for (RuleField f : rule.fields()) {
      if (f.isString()) {
        byte[] s = f.text().getBytes(StandardCharsets.UTF_8);
        strings.add(s);
        bufferLength += s.length;
      }
    }
    ByteBuffer out =
        ByteBuffer.allocate(FIXED_LENGTH + bufferLength).order(ByteOrder.nativeOrder());
    out.putInt(rule.list()).putInt(rule.action()).putInt(rule.fields().size());
    int[] mask = new int[BITMASK_WORDS];
    if (rule.allSyscalls()) {
      java.util.Arrays.fill(mask, -1);
    } else {
      for (int nr : rule.syscalls()) {
        if (nr < 0 || nr >= BITMASK_WORDS * 32) {
          throw new IllegalArgumentException("system call number out of range: " + nr);
        }
        mask[nr / 32] |= 1 << (nr % 32);
      }
    }
    for (int word : mask) {
      out.putInt(word);
    }
    int[][] columns = new int[3][MAX_FIELDS];
    for (int i = 0; i < rule.fields().size(); i++) {
      RuleField f = rule.fields().get(i);
      columns[0][i] = f.field();
      columns[1][i] = (int) f.value();
      columns[2][i] = f.operator();
    }
    for (int[] column : columns) {
      for (int v : column) {
        out.putInt(v);
      }
    }
    out.putInt(bufferLength);
    strings.forEach(out::put);
    return out.array();
  }

  /**
   * Decodes a rule as the kernel lists it.
   *
   * @throws IllegalArgumentException when the bytes are not a consistent rule
   */
  public static AuditRule decode(byte[] data) {
    if (data.length < FIXED_LENGTH) {
      throw new IllegalArgumentException(
          "audit_rule_data of " + data.length + " bytes is shorter than " + FIXED_LENGTH);
    }
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
    int list = in.getInt();
    int action = in.getInt();
    int count = in.getInt();
    if (count < 0 || count > MAX_FIELDS) {
      throw new IllegalArgumentException("field count out of range: " + count);
    }
    int[] mask = new int[BITMASK_WORDS];
    boolean all = true;
    for (int i = 0; i < BITMASK_WORDS; i++) {
      mask[i] = in.getInt();
      all &= mask[i] == -1 || i == BITMASK_WORDS - 1;
    }
    TreeSet<Integer> syscalls = new TreeSet<>();
    if (!all) {
      for (int i = 0; i < BITMASK_WORDS * 32; i++) {
        if ((mask[i / 32] & (1 << (i % 32))) != 0) {
          syscalls.add(i);
        }
      }
    }
    int[][] columns = new int[3][MAX_FIELDS];
    for (int[] column : columns) {
      for (int i = 0; i < MAX_FIELDS; i++) {
        column[i] = in.getInt();
      }
    }
    int bufferLength = in.getInt();
    if (bufferLength < 0 || bufferLength > in.remaining()) {
      throw new IllegalArgumentException(
          "string buffer length "
              + bufferLength
              + " exceeds the "
              + in.remaining()
              + " bytes left");
    }
    int offset = in.position();
    int end = offset + bufferLength;
    List<RuleField> fields = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int field = columns[0][i];
      long value = Integer.toUnsignedLong(columns[1][i]);
      if (RuleFields.isString(field)) {
        if (value > end - offset) {
          throw new IllegalArgumentException("string of field " + field + " overruns the buffer");
        }
        String text = new String(data, offset, (int) value, StandardCharsets.UTF_8);
        offset += (int) value;
        fields.add(new RuleField(field, columns[2][i], value, text));
      } else {
        fields.add(new RuleField(field, columns[2][i], value, null));
      }
    }
    return new AuditRule(list, action, all, syscalls, fields);
  }
}
