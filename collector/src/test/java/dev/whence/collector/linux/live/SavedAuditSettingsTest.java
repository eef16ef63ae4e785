package dev.whence.collector.linux.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavedAuditSettingsTest {

  @Test
  void theStateFileKeepsEverySettingAndRule() throws Exception {
    SavedAuditSettings s =
        new SavedAuditSettings(
            "7dc70dd8", 4242, "whence", 0, 64, 15000, List.of(new byte[] {1, 2, 3}, new byte[0]));
    SavedAuditSettings back = SavedAuditSettings.decode(s.encode());
    assertThat(back).usingRecursiveComparison().ignoringFields("rulesWithKey").isEqualTo(s);
    assertThat(back.rulesWithKey()).hasSize(2);
    assertThat(back.rulesWithKey().get(0)).containsExactly(1, 2, 3);
    assertThat(back.rulesWithKey().get(1)).isEmpty();
  }

  @Test
  void aDamagedStateFileSaysWhatIsWrong() {
    assertThatThrownBy(
            () ->
                SavedAuditSettings.decode(
                    "bootId=x\nownerPid=1\nkey=whence\nenabled=0\nbacklogLimit=64\nrules=0\n"
                        .getBytes(StandardCharsets.ISO_8859_1)))
        .hasMessageContaining("missing backlogWaitTime");
    assertThatThrownBy(
            () ->
                SavedAuditSettings.decode(
                    ("bootId=x\nownerPid=1\nkey=whence\nenabled=0\nbacklogLimit=64\n"
                            + "backlogWaitTime=1\nrules=1\nrule.0=%%%\n")
                        .getBytes(StandardCharsets.ISO_8859_1)))
        .hasMessageContaining("rule.0 is not base64");
  }
}
