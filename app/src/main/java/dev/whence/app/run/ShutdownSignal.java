package dev.whence.app.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C and SIGTERM for a long-running subcommand: closes what was registered, newest first, in a
 * JVM shutdown hook, and releases {@link #await()}.
 */
public final class ShutdownSignal {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignal.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Installs the shutdown hook. */
  public static ShutdownSignal install(String name) {
    ShutdownSignal signal = new ShutdownSignal();
    Runtime.getRuntime().addShutdownHook(new Thread(signal::closeAll, name + "-shutdown"));
    return signal;
  }

  /** Registers a resource closed at shutdown, before those registered earlier. */
  public synchronized <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Blocks until the JVM is asked to stop and everything registered is closed. */
  public void await() throws InterruptedException {
    stopped.await();
  }

  /** Closes what was registered now, newest first (as the shutdown hook would). */
  public void closeNow() {
    closeAll();
  }

  private void closeAll() {
    AutoCloseable next;
    while ((next = poll()) != null) {
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("closing {} at shutdown failed: {}", next, e.toString());
      }
    }
    stopped.countDown();
  }

  private synchronized AutoCloseable poll() {
    return resources.poll();
  }
}
