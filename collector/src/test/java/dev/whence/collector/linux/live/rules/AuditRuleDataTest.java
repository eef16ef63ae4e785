package dev.whence.collector.linux.live.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AuditRuleDataTest {

  private static final int FIELDS = 12 + 256;
  private static final int VALUES = FIELDS + 256;
  private static final int OPS = VALUES + 256;
  private static final int BUFLEN = OPS + 256;

  @Test
  void laysOutTheRuleAsTheKernelExpects() {
    AuditRule rule =
        new AuditRuleParser(SyscallTable.x8664(), p -> false)
            .parseLine("-a always,exit -F arch=b64 -S execve,exit_group -F path=/bin/sh -k whence");
    ByteBuffer b = ByteBuffer.wrap(AuditRuleData.encode(rule)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.capacity()).isEqualTo(1040 + "/bin/sh".length() + "whence".length());
    assertThat(b.getInt(0)).isEqualTo(4);
    assertThat(b.getInt(4)).isEqualTo(2);
    assertThat(b.getInt(8)).isEqualTo(3);
    assertThat(b.getInt(12 + 4 * 1)).isEqualTo(1 << (59 - 32));
    assertThat(b.getInt(12 + 4 * 7)).isEqualTo(1 << (231 - 224));
    assertThat(b.getInt(12)).isZero();
    assertThat(b.getInt(FIELDS)).isEqualTo(11);
    assertThat(b.getInt(FIELDS + 4)).isEqualTo(105);
    assertThat(b.getInt(FIELDS + 8)).isEqualTo(210);
    assertThat(b.getInt(VALUES)).isEqualTo(0xC000003E);
    assertThat(b.getInt(VALUES + 4)).isEqualTo(7);
    assertThat(b.getInt(VALUES + 8)).isEqualTo(6);
    assertThat(b.getInt(OPS)).isEqualTo(0x40000000);
    assertThat(b.getInt(BUFLEN)).isEqualTo(13);
    byte[] strings = new byte[13];
    b.get(1040, strings);
    assertThat(new String(strings, StandardCharsets.US_ASCII)).isEqualTo("/bin/shwhence");
  }

  @Test
  void aWatchSetsEverySyscallBit() {
    AuditRule watch =
        new AuditRuleParser(SyscallTable.x8664(), p -> false).parseLine("-w /etc/shadow -p r");
    ByteBuffer b = ByteBuffer.wrap(AuditRuleData.encode(watch)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 64; i++) {
      assertThat(b.getInt(12 + 4 * i)).isEqualTo(-1);
    }
    assertThat(AuditRuleData.decode(b.array())).isEqualTo(watch);
  }

  @Test
  void findsKeysSeparatedInOneField() {
    AuditRule r =
        new AuditRule(
            4,
            2,
            false,
            Set.of(59),
            List.of(RuleField.string(RuleFields.FILTERKEY, RuleFields.OP_EQUAL, "a\u0001whence")));
    assertThat(AuditRuleData.decode(AuditRuleData.encode(r)).hasKey("whence")).isTrue();
    assertThat(AuditRuleData.decode(AuditRuleData.encode(r)).hasKey("whenc")).isFalse();
  }

  @Test
  void refusesInconsistentBytes() {
    assertThatThrownBy(() -> AuditRuleData.decode(new byte[100]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] tooManyFields = new byte[1040];
    ByteBuffer.wrap(tooManyFields).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 65);
    assertThatThrownBy(() -> AuditRuleData.decode(tooManyFields))
        .hasMessageContaining("field count");
    byte[] overrun =
        AuditRuleData.encode(
            new AuditRule(
                4,
                2,
                false,
                Set.of(1),
                List.of(RuleField.string(RuleFields.FILTERKEY, RuleFields.OP_EQUAL, "abc"))));
    ByteBuffer.wrap(overrun).order(ByteOrder.LITTLE_ENDIAN).putInt(VALUES, 50);
    assertThatThrownBy(() -> AuditRuleData.decode(overrun)).hasMessageContaining("overruns");
    byte[] bufferTooLong = overrun.clone();
    ByteBuffer.wrap(bufferTooLong).order(ByteOrder.LITTLE_ENDIAN).putInt(BUFLEN, 500);
    assertThatThrownBy(() -> AuditRuleData.decode(bufferTooLong)).hasMessageContaining("exceeds");
  }

  @Property
  void decodeReadsWhatEncodeWrote(@ForAll("rules") AuditRule rule) {
    assertThat(AuditRuleData.decode(AuditRuleData.encode(rule))).isEqualTo(rule);
  }

  @Provide
  Arbitrary<AuditRule> rules() {
    Arbitrary<Set<Integer>> syscalls =
        Arbitraries.integers().between(0, 2047).set().ofMinSize(1).ofMaxSize(20);
    Arbitrary<RuleField> numeric =
        Combinators.combine(
                Arbitraries.of(0, 1, 9, 11, 18, 103, 104, 106, 200, 201, 202, 203),
                Arbitraries.of(
                    RuleFields.OP_EQUAL,
                    RuleFields.OP_NOT_EQUAL,
                    RuleFields.OP_BIT_MASK,
                    RuleFields.OP_BIT_TEST),
                Arbitraries.longs().between(0, 0xFFFFFFFFL))
            .as(RuleField::numeric);
    Arbitrary<RuleField> string =
        Combinators.combine(
                Arbitraries.of(
                    RuleFields.WATCH, RuleFields.DIR, RuleFields.EXE, RuleFields.FILTERKEY),
                Arbitraries.strings()
                    .alpha()
                    .numeric()
                    .withChars("/._-é")
                    .ofMinLength(1)
                    .ofMaxLength(40))
            .as((f, s) -> RuleField.string(f, RuleFields.OP_EQUAL, s));
    Arbitrary<List<RuleField>> fields = Arbitraries.oneOf(numeric, string).list().ofMaxSize(64);
    return Combinators.combine(Arbitraries.of(0, 1, 4, 5), Arbitraries.of(0, 2), syscalls, fields)
        .as(
            (list, action, sc, fs) ->
                new AuditRule(list, action, false, new TreeSet<>(sc), new ArrayList<>(fs)));
  }
}
