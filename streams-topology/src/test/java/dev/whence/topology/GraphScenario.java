package dev.whence.topology;

import dev.whence.avro.Event;
import dev.whence.avro.ObjectKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Two hosts' events covering every family of operations: on web-1 a shell forks curl, which
 * connects to db-1:8080, writes, renames and deletes a file; the shell writes to a pipe read by
 * another child and changes its effective user. On db-1 a python server bound to 0.0.0.0:8080
 * accepts the connection from 10.0.0.1 and spawns a shell.
 */
public final class GraphScenario {

  static final long START = 1_795_772_562_000_000_000L;
  static final String CLIENT = "web-1";
  static final String SERVER = "db-1";
  static final int O_WRONLY_CREAT = 0101;

  private GraphScenario() {}

  static List<Event> client() {
    GraphEvents a = new GraphEvents(CLIENT, START);
    String bash = "/usr/bin/bash";
    String curl = "/usr/bin/curl";
    List<Event> out = new ArrayList<>();
    out.add(a.exec(100, 1, bash));
    out.add(a.fork(100, 101, bash));
    out.add(a.exec(101, 100, curl));
    out.add(a.socket(101, curl, 3));
    out.add(a.connect(101, curl, 3, "10.0.0.2", 8080));
    out.add(a.writeTo(101, curl, ObjectKind.SOCKET, 3));
    out.add(a.open(101, curl, "/tmp/out", 4, O_WRONLY_CREAT));
    out.add(a.write(101, curl, 4));
    out.add(a.rename(101, curl, "/tmp/out", "/tmp/out2"));
    out.add(a.unlink(101, curl, "/tmp/out2"));
    out.add(a.exit(101, curl));
    out.add(a.pipe(100, bash, 5, 6));
    out.add(a.writeTo(100, bash, ObjectKind.PIPE, 6));
    out.add(a.fork(100, 102, bash));
    out.add(a.read(102, bash, ObjectKind.PIPE, 5));
    out.add(a.setuid(100, bash, 0));
    return out;
  }

  static List<Event> server() {
    return server(START + 500_000L);
  }

  /** The server's events, its clock starting at {@code startNanos} (to model clock skew). */
  static List<Event> server(long startNanos) {
    GraphEvents b = new GraphEvents(SERVER, startNanos);
    String python = "/usr/bin/python3";
    List<Event> out = new ArrayList<>();
    out.add(b.exec(500, 1, python));
    out.add(b.socket(500, python, 3));
    out.add(b.bind(500, python, 3, "0.0.0.0", 8080));
    for (int i = 0; i < 3; i++) {
      out.add(b.read(500, python, ObjectKind.FILE, 0));
    }
    out.add(b.accept(500, python, 3, 4, "10.0.0.1", 40000));
    out.add(b.read(500, python, ObjectKind.SOCKET, 4));
    out.add(b.fork(500, 501, python));
    out.add(b.exec(501, 500, "/bin/sh"));
    return out;
  }

  public static List<Event> both() {
    List<Event> all = new ArrayList<>(client());
    all.addAll(server());
    return all;
  }
}
