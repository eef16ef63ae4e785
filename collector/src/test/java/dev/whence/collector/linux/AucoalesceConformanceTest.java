package dev.whence.collector.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whence.avro.Event;
import dev.whence.avro.EventObject;
import dev.whence.avro.Subject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole events of go-libaudit's aucoalesce tests (kernels 3.10 to 6.8) normalize to what
 * go-libaudit's golden files say about the same events: serial, time, result, process, user ids,
 * file, socket address and system call, wherever both express the same thing.
 */
class AucoalesceConformanceTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "random-internet",
        "rhel-7-linux-3.10.0",
        "ubuntu-16.04-linux-4.13.0",
        "ubuntu-16.10-linux-4.8.0",
        "ubuntu-17.04-linux-4.10.0",
        "ubuntu-20.04.6-linux-5.15.0-1034-gcp",
        "ubuntu-21.10-linux-5.13",
        "ubuntu-24.04-linux-6.8.0"
      })
  void eventsAgreeWithGolden(String name) throws Exception {
    Map<String, List<String>> tests = yamlTests("aucoalesce_testdata_" + name + ".yaml");
    JsonNode golden =
        new ObjectMapper()
            .readTree(
                GoLibauditAuparseConformanceTest.resource(
                    "aucoalesce_testdata_" + name + ".json.golden"));
    assertThat(golden.size()).isEqualTo(tests.size());
    int checks = 0;
    for (JsonNode g : golden) {
      String test = g.get("test_name").asText();
      List<String> lines = tests.get(test);
      assertThat(lines).as(test).isNotNull();
      CollectingSink sink = new CollectingSink();
      AuditPipeline pipeline = new AuditPipeline(sink, "test-host", "boot", CLOCK);
      for (int i = 0; i < lines.size(); i++) {
        byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
        pipeline.acceptLine(b, 0, b.length, test, i + 1);
      }
      pipeline.flush();
      assertThat(sink.rejected).as(test).isEmpty();
      assertThat(sink.events).as(test).hasSize(1);
      checks += compare(test, g.get("event"), sink.events.get(0));
    }
    assertThat(checks).isGreaterThan(tests.size());
  }

  private static int compare(String test, JsonNode g, Event e) {
    int checks = 0;
    assertThat(e.getSequence()).as(test).isEqualTo(g.get("sequence").asLong());
    assertThat(e.getTimestampNanos() / 1_000_000)
        .as(test)
        .isEqualTo(Instant.parse(g.get("@timestamp").asText()).toEpochMilli());
    String result = text(g, "result");
    if ("success".equals(result) || "fail".equals(result)) {
      assertThat(e.getSuccess()).as(test + " result").isEqualTo(result.equals("success"));
      checks++;
    }
    Subject s = e.getSubject();
    JsonNode p = g.get("process");
    if (p != null) {
      checks += same(test, "pid", text(p, "pid"), s.getPid() < 0 ? null : "" + s.getPid());
      checks += same(test, "ppid", text(p, "ppid"), str(s.getPpid()));
      checks += same(test, "exe", text(p, "exe"), s.getExe());
      checks += same(test, "name", text(p, "name"), s.getComm());
      checks += same(test, "cwd", text(p, "cwd"), s.getCwd());
      if (p.has("args")) {
        List<String> args = new ArrayList<>();
        p.get("args").forEach(a -> args.add(a.asText()));
        assertThat(s.getArgv()).as(test + " args").isEqualTo(args);
        checks++;
      } else if (p.has("title") && !s.getArgv().isEmpty()) {
        checks += same(test, "title", text(p, "title"), String.join(" ", s.getArgv()));
      }
    }
    JsonNode user = g.get("user");
    JsonNode ids = user == null ? null : user.get("ids");
    if (ids != null) {
      Map<String, Function<Subject, Long>> getters = new LinkedHashMap<>();
      getters.put("uid", Subject::getUid);
      getters.put("euid", Subject::getEuid);
      getters.put("suid", Subject::getSuid);
      getters.put("fsuid", Subject::getFsuid);
      getters.put("gid", Subject::getGid);
      getters.put("egid", Subject::getEgid);
      getters.put("sgid", Subject::getSgid);
      getters.put("fsgid", Subject::getFsgid);
      getters.put("auid", Subject::getAuid);
      for (Map.Entry<String, Function<Subject, Long>> id : getters.entrySet()) {
        String v = text(ids, id.getKey());
        if (v != null && v.chars().allMatch(Character::isDigit)) {
          checks += same(test, id.getKey(), v, str(id.getValue().apply(s)));
        }
      }
    }
    JsonNode file = g.get("file");
    if (file != null && file.has("path")) {
      String path = file.get("path").asText();
      EventObject o =
          e.getObject1() != null && path.equals(e.getObject1().getPath())
              ? e.getObject1()
              : e.getObject2() != null && path.equals(e.getObject2().getPath())
                  ? e.getObject2()
                  : null;
      if (o == null) {
        // go-libaudit picked another PATH item (the parent directory of a mknod): it is kept in
        // raw.
        assertThat(e.getRaw()).as(test + " raw PATH with " + path).containsValue(path);
      } else {
        checks += same(test, "file.path", path, o.getPath());
        checks += same(test, "file.inode", text(file, "inode"), str(o.getInode()));
        checks += same(test, "file.uid", text(file, "uid"), str(o.getOwnerUid()));
        checks += same(test, "file.gid", text(file, "gid"), str(o.getOwnerGid()));
      }
    }
    JsonNode data = g.get("data");
    if (data != null && data.has("socket_addr")) {
      // accept: object1 is the listening socket, object2 the accepted one with the peer's address.
      EventObject o =
          e.getOperation() == dev.whence.avro.Operation.ACCEPT ? e.getObject2() : e.getObject1();
      String addr = o.getRemoteAddress() != null ? o.getRemoteAddress() : o.getLocalAddress();
      Integer port = o.getRemotePort() != null ? o.getRemotePort() : o.getLocalPort();
      checks += same(test, "socket_addr", text(data, "socket_addr"), addr);
      checks += same(test, "socket_port", text(data, "socket_port"), str(port));
      assertThat(o.getFamily())
          .isEqualTo(text(data, "socket_family").equals("ipv4") ? "inet" : "inet6");
    }
    if (data != null && data.has("syscall")) {
      String op = e.getOperation().toString();
      String ours =
          op.equals("CONFIG_CHANGE") || op.equals("ANOMALY")
              ? e.getRaw().get("SYSCALL.syscall")
              : e.getAction();
      checks += same(test, "syscall", text(data, "syscall"), ours);
    }
    return checks;
  }

  private static int same(String test, String what, String expected, String actual) {
    if (expected == null) {
      return 0;
    }
    assertThat(actual).as(test + " " + what).isEqualTo(expected);
    return 1;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The tests of an aucoalesce YAML file: {@code name: |} literal or {@code name: >} folded. */
  static Map<String, List<String>> yamlTests(String resource) throws Exception {
    List<String> lines = GoLibauditAuparseConformanceTest.lines(resource);
    Map<String, List<String>> tests = new LinkedHashMap<>();
    String current = null;
    boolean folded = false;
    for (String l : lines) {
      if (l.startsWith("  ") && !l.startsWith("   ") && (l.endsWith(": |") || l.endsWith(": >"))) {
        current = l.substring(2, l.length() - 3).trim();
        if (current.startsWith("\"") && current.endsWith("\"")) {
          current = current.substring(1, current.length() - 1);
        }
        folded = l.endsWith(">");
        tests.put(current, new ArrayList<>());
      } else if (current != null && l.startsWith("    ")) {
        List<String> block = tests.get(current);
        String content = l.substring(4);
        if (folded && !block.isEmpty()) {
          block.set(block.size() - 1, block.get(block.size() - 1) + " " + content);
        } else {
          block.add(content);
        }
      } else if (!l.isBlank() && !l.startsWith("  ")) {
        current = null;
      }
    }
    return tests;
  }
}
