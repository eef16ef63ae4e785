package dev.whence.graph.state;

import dev.whence.graph.model.Ancestor;
import java.util.List;

/**
 * A live (or recently exited) process: its identity, current image and inline ancestry.
 *
 * @param forked whether a fork or clone event created the entry (false: first seen mid-life)
 * @param parentNodeId node id of the parent image it was forked from, or null
 * @param ancestors parents and earlier images, nearest first, bounded in length
 * @param exitNanos event time of its exit, or null while it runs
 * @param expiryDue the due time of its current expiry index entry
 */
public record ProcessEntry(
    ProcessKey key,
    String boot,
    String entityId,
    long startSequence,
    boolean forked,
    Integer ppid,
    String parentNodeId,
    ProcessImage image,
    List<Ancestor> ancestors,
    long lastSeenNanos,
    Long exitNanos,
    long expiryDue) {

  /** Copies ancestors defensively. */
  public ProcessEntry {
    ancestors = ancestors == null ? List.of() : List.copyOf(ancestors);
  }

  /** Whether the process has exited. */
  public boolean exited() {
    return exitNanos != null;
  }

  /** This entry with another image and ancestry. */
  public ProcessEntry withImage(ProcessImage newImage, List<Ancestor> newAncestors) {
    return new ProcessEntry(
        key,
        boot,
        entityId,
        startSequence,
        forked,
        ppid,
        parentNodeId,
        newImage,
        newAncestors,
        lastSeenNanos,
        exitNanos,
        expiryDue);
  }

  /** This entry adopted by a parent (a fork event seen after the child's own events). */
  public ProcessEntry withParent(Integer newPpid, String newParentNodeId, List<Ancestor> chain) {
    return new ProcessEntry(
        key,
        boot,
        entityId,
        startSequence,
        true,
        newPpid,
        newParentNodeId,
        image,
        chain,
        lastSeenNanos,
        exitNanos,
        expiryDue);
  }

  /** This entry last seen at {@code nanos}. */
  public ProcessEntry withLastSeen(long nanos) {
    return new ProcessEntry(
        key,
        boot,
        entityId,
        startSequence,
        forked,
        ppid,
        parentNodeId,
        image,
        ancestors,
        nanos,
        exitNanos,
        expiryDue);
  }

  /** This entry marked exited at {@code nanos}, to expire at {@code due}. */
  public ProcessEntry withExit(long nanos, long due) {
    return new ProcessEntry(
        key,
        boot,
        entityId,
        startSequence,
        forked,
        ppid,
        parentNodeId,
        image,
        ancestors,
        Math.max(lastSeenNanos, nanos),
        nanos,
        due);
  }

  /** This entry with another expiry due time. */
  public ProcessEntry withExpiryDue(long due) {
    return new ProcessEntry(
        key,
        boot,
        entityId,
        startSequence,
        forked,
        ppid,
        parentNodeId,
        image,
        ancestors,
        lastSeenNanos,
        exitNanos,
        due);
  }
}
