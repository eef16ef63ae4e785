package dev.whence.graph.build;

import dev.whence.graph.model.SystemEvent;
import dev.whence.graph.state.DedupKey;
import dev.whence.graph.state.DedupWindow;
import dev.whence.graph.state.Expiry;
import dev.whence.graph.state.GraphState;
import dev.whence.graph.state.ProcessKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps events onto the provenance graph, one at a time, through the {@link GraphState} port only.
 * Deterministic: the same events in the same order on the same state give the same updates, so
 * replays and other instances agree. Idempotent: an event whose (host, boot, sequence) was applied
 * before yields an empty update with a {@link NoteCode#DUPLICATE_EVENT} note. Never throws on bad
 * input: it returns a {@link Rejection} with a precise reason. Not thread-safe (one per task).
 */
public final class GraphBuilder {
  private final GraphState state;
  private final GraphConfig config;
  private final Counters counters = new Counters();
  private final Expirer expirer;

  /** A builder over {@code state} with {@code config}. */
  public GraphBuilder(GraphState state, GraphConfig config) {
    this.state = Objects.requireNonNull(state, "state");
    this.config = Objects.requireNonNull(config, "config");
    this.expirer = new Expirer(state, config, counters);
  }

  /** Applies one event and returns what it changed, or why it was refused. */
  public GraphUpdate apply(SystemEvent event) {
    if (event == null) {
      return reject(new Rejection(RejectionCode.MISSING_FIELD, "event is null"));
    }
    Rejection invalid = Preflight.identity(event);
    if (invalid != null) {
      return reject(invalid);
    }
    DedupKey key = new DedupKey(event.host(), event.boot());
    DedupWindow window = state.dedup(key).orElseGet(() -> newWindow(key, event));
    switch (window.check(event.sequence())) {
      case DUPLICATE -> {
        counters.duplicates++;
        return GraphUpdate.noted(
            NoteCode.DUPLICATE_EVENT,
            "sequence " + event.sequence() + " of host " + event.host() + " was applied before");
      }
      case STALE -> {
        return reject(
            new Rejection(
                RejectionCode.STALE_SEQUENCE,
                "sequence "
                    + event.sequence()
                    + " is more than "
                    + window.size()
                    + " below the highest sequence "
                    + window.highest()
                    + " seen on host "
                    + event.host()
                    + " boot "
                    + event.boot()
                    + "; cannot tell whether it is a duplicate"));
      }
      case NEW -> state.putDedup(window.record(event.sequence(), event.timestampNanos()));
    }
    Rejection noSubject = Preflight.subject(event);
    if (noSubject != null) {
      return reject(noSubject);
    }
    EventContext ctx = new EventContext(event, state, config);
    Rejection unmappable = Preflight.operation(ctx);
    if (unmappable != null) {
      return reject(unmappable);
    }
    try {
      Operations.apply(ctx);
    } catch (RuntimeException e) {
      return reject(
          new Rejection(
              RejectionCode.INTERNAL_ERROR,
              "failed to apply "
                  + event.operation()
                  + ": "
                  + e.getClass().getName()
                  + ": "
                  + e.getMessage()));
    }
    GraphUpdate update = ctx.out.build(Processes.view(ctx.subject));
    counters.applied++;
    counters.nodes += update.nodes().size();
    counters.edges += update.edges().size();
    return update;
  }

  /**
   * Removes state whose time is up at event time {@code nowNanos}: exited processes after the grace
   * period, idle processes, idle file versions and names, and idle de-duplication windows;
   * descriptors go with their process. Call it from a punctuator on stream time.
   */
  public ExpiryReport expire(long nowNanos) {
    return expirer.expire(nowNanos);
  }

  /** The process known under (host, pid), with its current image and inline ancestry. */
  public Optional<ProcessView> process(String host, int pid) {
    return state.process(new ProcessKey(host, pid)).map(Processes::view);
  }

  /** Counters since this builder was created. */
  public GraphCounters counters() {
    return counters.snapshot();
  }

  private DedupWindow newWindow(DedupKey key, SystemEvent event) {
    long due = Times.after(event.timestampNanos(), config.dedupIdleTtl());
    state.schedule(new Expiry(due, key));
    return DedupWindow.empty(key, config.dedupWindow(), due);
  }

  private GraphUpdate reject(Rejection rejection) {
    counters.rejected++;
    return GraphUpdate.rejected(rejection.code(), rejection.reason());
  }
}
