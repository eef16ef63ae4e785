package dev.whence.collector.linux.live;

/** Pause, resume and stop for a reading loop; the loop calls {@link #awaitOpen()} between reads. */
public final class ReaderGate {

  private boolean paused;
  private boolean stopped;

  /** Blocks while paused; returns false once stopped. */
  public synchronized boolean awaitOpen() throws InterruptedException {
    while (paused && !stopped) {
      wait();
    }
    return !stopped;
  }

  /** Makes the loop wait before its next read. */
  public synchronized void pause() {
    paused = true;
  }

  /** Lets the loop read again. */
  public synchronized void resume() {
    paused = false;
    notifyAll();
  }

  /** Ends the loop. */
  public synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  /** Whether {@link #stop()} was called. */
  public synchronized boolean isStopped() {
    return stopped;
  }

  /** Waits up to {@code millis} unless stopped or resumed meanwhile. */
  public synchronized void sleep(long millis) throws InterruptedException {
    if (!stopped) {
      wait(millis);
    }
  }
}
