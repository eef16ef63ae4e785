package dev.whence.collector.linux.live.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditRuleParserTest {

  private final AuditRuleParser parser =
      new AuditRuleParser(SyscallTable.x8664(), p -> p.equals("/root/.ssh"));

  @Test
  void parsesASyscallRuleWithArchAndBitMask() {
    AuditRule r = parser.parseLine("-a always,exit -F arch=b64 -S openat,openat2 -F a2&67 -k k1");
    assertThat(r.list()).isEqualTo(4);
    assertThat(r.action()).isEqualTo(2);
    assertThat(r.allSyscalls()).isFalse();
    assertThat(r.syscalls()).containsExactly(257, 437);
    assertThat(r.fields())
        .containsExactly(
            RuleField.numeric(RuleFields.ARCH, RuleFields.OP_EQUAL, 0xC000003EL),
            RuleField.numeric(202, RuleFields.OP_BIT_MASK, 67),
            RuleField.string(RuleFields.FILTERKEY, RuleFields.OP_EQUAL, "k1"));
    assertThat(r.keys()).containsExactly("k1");
  }

  @Test
  void acceptsListAndActionInEitherOrderAndRepeatedSyscallOptions() {
    AuditRule a = parser.parseLine("-a exit,always -F arch=b64 -S execve -S execveat");
    assertThat(a.list()).isEqualTo(4);
    assertThat(a.action()).isEqualTo(2);
    assertThat(a.syscalls()).containsExactly(59, 322);
  }

  @Test
  void readsOperatorsAndSymbolicValues() {
    AuditRule r =
        parser.parseLine(
            "-a always,exit -F arch=b64 -S kill -F success=yes -F auid!=unset -F uid>=1000"
                + " -F exit=-13 -F perm=wa -F a0&=0x10 -F ppid<5");
    assertThat(r.fields())
        .extracting(RuleField::field, RuleField::operator, RuleField::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(11, RuleFields.OP_EQUAL, 0xC000003EL),
            org.assertj.core.groups.Tuple.tuple(104, RuleFields.OP_EQUAL, 1L),
            org.assertj.core.groups.Tuple.tuple(9, RuleFields.OP_NOT_EQUAL, 4294967295L),
            org.assertj.core.groups.Tuple.tuple(1, RuleFields.OP_GREATER_THAN_OR_EQUAL, 1000L),
            org.assertj.core.groups.Tuple.tuple(103, RuleFields.OP_EQUAL, 4294967283L),
            org.assertj.core.groups.Tuple.tuple(106, RuleFields.OP_EQUAL, 10L),
            org.assertj.core.groups.Tuple.tuple(200, RuleFields.OP_BIT_TEST, 16L),
            org.assertj.core.groups.Tuple.tuple(18, RuleFields.OP_LESS_THAN, 5L));
  }

  @Test
  void aWatchBecomesAnExitRuleOnAllSyscallsWithPathOrDir() {
    AuditRule file = parser.parseLine("-w /etc/shadow -p r");
    assertThat(file.list()).isEqualTo(4);
    assertThat(file.allSyscalls()).isTrue();
    assertThat(file.fields())
        .containsExactly(
            RuleField.string(RuleFields.WATCH, RuleFields.OP_EQUAL, "/etc/shadow"),
            RuleField.numeric(RuleFields.PERM, RuleFields.OP_EQUAL, 4));
    AuditRule dir = parser.parseLine("-w /root/.ssh -p rw -k x");
    assertThat(dir.fields().get(0))
        .isEqualTo(RuleField.string(RuleFields.DIR, RuleFields.OP_EQUAL, "/root/.ssh"));
    assertThat(dir.fields().get(1).value()).isEqualTo(6);
    assertThat(dir.keys()).containsExactly("x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-D",
        "-b 8192",
        "-a always,exit -F arch=b64 -S nosuchcall",
        "-a always,exit -F arch=b64",
        "-a sometimes,exit -S read",
        "-a always,exit -S read -F nosuchfield=1",
        "-a always,exit -S read -F uid=root",
        "-a always,exit -S read -F a1",
        "-w relative/path -p r",
        "-w /etc/passwd -p z",
        "-w /etc/passwd -S read",
        "-a always,exit -S",
        "-a always,exit -F arch=b32 -S open",
      })
  void refusesWhatItCannotInstallExactly(String line) {
    assertThatThrownBy(() -> parser.parseLine(line)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorsNameTheSourceAndLine() {
    assertThatThrownBy(() -> parser.parse("# comment\n\n-a always,exit -S bogus\n", "my.rules"))
        .hasMessageStartingWith("my.rules:3: ")
        .hasMessageContaining("bogus");
  }

  @ParameterizedTest
  @EnumSource(AuditRuleProfile.class)
  void everyProfileParsesAndAppliesToSixtyFourBitCallsOnly(AuditRuleProfile profile) {
    List<AuditRule> rules = profile.rules(parser);
    assertThat(rules).isNotEmpty();
    assertThat(rules).allMatch(r -> r.list() == 4 && r.action() == 2 && r.keys().isEmpty());
    assertThat(rules.stream().filter(r -> !r.allSyscalls()))
        .allMatch(r -> r.fields().get(0).field() == RuleFields.ARCH);
  }

  @Test
  void profilesGrowFromMinimalToFull() {
    Set<Integer> minimal = syscalls(AuditRuleProfile.MINIMAL);
    Set<Integer> standard = syscalls(AuditRuleProfile.STANDARD);
    Set<Integer> full = syscalls(AuditRuleProfile.FULL);
    assertThat(standard).containsAll(minimal);
    assertThat(full).containsAll(standard);
    assertThat(full).contains(0, 1, 3);
    assertThat(standard).doesNotContain(0, 1, 3);
    assertThat(minimal).doesNotContain(2, 257);
  }

  @Test
  void standardRecordsOpensOnlyWithWriteOrCreateIntent() {
    AuditRule openat =
        AuditRuleProfile.STANDARD.rules(parser).stream()
            .filter(r -> r.syscalls().contains(257))
            .findFirst()
            .orElseThrow();
    assertThat(openat.fields()).contains(RuleField.numeric(202, RuleFields.OP_BIT_MASK, 67));
  }

  private Set<Integer> syscalls(AuditRuleProfile p) {
    Set<Integer> all = new java.util.TreeSet<>();
    p.rules(parser).forEach(r -> all.addAll(r.syscalls()));
    return all;
  }

  @Test
  void profilesAreNamedCaseInsensitively() {
    assertThat(AuditRuleProfile.named("Full")).isEqualTo(AuditRuleProfile.FULL);
    assertThatThrownBy(() -> AuditRuleProfile.named("max"))
        .hasMessageContaining("minimal, standard or full");
  }

  @Test
  void withKeyReplacesEveryKey() {
    AuditRule r = parser.parseLine("-a always,exit -F arch=b64 -S read -k old");
    assertThat(r.withKey("whence").keys()).containsExactly("whence");
  }
}
