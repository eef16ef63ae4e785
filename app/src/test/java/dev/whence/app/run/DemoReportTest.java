package dev.whence.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whence.topology.query.AlertView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoReportTest {

  private static AlertView alert(
      String id, String rule, String severity, String incident, long first, int pid) {
    AlertView.Subject p =
        new AlertView.Subject("n" + pid, pid, "/bin/p" + pid, null, 0L, List.of());
    return new AlertView(
        id,
        rule,
        1,
        "title of " + rule,
        severity,
        75,
        List.of("T1"),
        "h",
        incident,
        first,
        first + 10,
        List.of(new AlertView.Step(first, "EXECUTE", p, null)));
  }

  private static String print(List<AlertView> alerts) {
    StringWriter text = new StringWriter();
    DemoReport.printAlerts(alerts, new PrintWriter(text));
    return text.toString();
  }

  @Test
  void alertsAreGroupedByIncidentAndRepeatsOfARuleTakeOneLine() {
    String out =
        print(
            List.of(
                alert("a", "audit-config-change", "HIGH", "inc-2", 50, 10),
                alert("b", "audit-config-change", "HIGH", "inc-2", 60, 11),
                alert("c", "audit-config-change", "HIGH", "inc-2", 70, 12),
                alert("d", "reverse-shell", "CRITICAL", "inc-1", 10, 20),
                alert("e", "shell-connects-out", "HIGH", "inc-1", 11, 20),
                alert("f", "timestomp", "MEDIUM", null, 5, 30)));

    assertThat(out).contains("Alerts: 6 in 3 incidents");
    assertThat(out.indexOf("not grouped"))
        .isLessThan(out.indexOf("(inc-1): 2 alerts, highest CRITICAL"));
    assertThat(out.indexOf("(inc-1)")).isLessThan(out.indexOf("(inc-2): 3 alerts, highest HIGH"));
    assertThat(out).containsOnlyOnce("rule audit-config-change v1");
    assertThat(out).contains("+ 2 more alerts of this rule, by pid 11 /bin/p11, pid 12 /bin/p12");
    assertThat(out).contains("rule reverse-shell v1").contains("rule shell-connects-out v1");
  }
}
