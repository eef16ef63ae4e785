package dev.whence.collector.linux;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a whole raw audit log (plain or gzip, detected by its magic bytes) line by line into an
 * {@link AuditPipeline}, then flushes it. Positions are 1-based line numbers, so rejections carry
 * the origin {@code FILE:LINE}. Lines longer than the pipeline's limit are refused without holding
 * more than {@link AuditPipeline#MAX_REJECTED_BYTES} of them; the last line needs no terminator.
 */
public final class LinuxAuditLogReader {

  private static final int BUFFER = 1 << 20;

  private final AuditPipeline pipeline;
  private final int maxLineBytes;

  /** A reader feeding {@code pipeline}, whose parser accepts lines up to {@code maxLineBytes}. */
  public LinuxAuditLogReader(AuditPipeline pipeline, int maxLineBytes) {
    this.pipeline = pipeline;
    this.maxLineBytes = maxLineBytes;
  }

  /** A reader feeding {@code pipeline} with the default line limit. */
  public LinuxAuditLogReader(AuditPipeline pipeline) {
    this(pipeline, AuditRecordParser.DEFAULT_MAX_LINE_BYTES);
  }

  /** Reads {@code file} to its end, flushes the pipeline and returns the number of lines. */
  public long read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads {@code in} (plain or gzip) to its end, naming it {@code source} in origins, flushes the
   * pipeline and returns the number of lines. Does not close {@code in}.
   */
  public long read(InputStream in, String source) throws IOException {
    long n = readLines(maybeGunzip(in), source);
    pipeline.flush();
    return n;
  }

  private static InputStream maybeGunzip(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int b1 = buffered.read();
    int b2 = buffered.read();
    buffered.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new GZIPInputStream(buffered, 1 << 16);
    }
    return buffered;
  }

  private long readLines(InputStream in, String source) throws IOException {
    byte[] buf = new byte[Math.max(BUFFER, maxLineBytes * 2)];
    int start = 0;
    int end = 0;
    long line = 0;
    byte[] overlong = null;
    int overlongKept = 0;
    long overlongTotal = 0;
    while (true) {
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        break;
      }
      end += n;
      int p = start;
      while (true) {
        int nl = indexOfNewline(buf, p, end);
        if (nl < 0) {
          break;
        }
        line++;
        if (overlong != null) {
          overlongKept = append(overlong, overlongKept, buf, p, nl - p);
          overlongTotal += nl - p;
          pipeline.acceptOverlongLine(overlong, 0, overlongKept, overlongTotal, source, line);
          overlong = null;
        } else {
          pipeline.acceptLine(buf, p, nl - p, source, line);
        }
        p = nl + 1;
      }
      int rest = end - p;
      if (overlong != null) {
        overlongKept = append(overlong, overlongKept, buf, p, rest);
        overlongTotal += rest;
        start = 0;
        end = 0;
      } else if (rest > maxLineBytes) {
        overlong = new byte[AuditPipeline.MAX_REJECTED_BYTES];
        overlongKept = append(overlong, 0, buf, p, rest);
        overlongTotal = rest;
        start = 0;
        end = 0;
      } else {
        System.arraycopy(buf, p, buf, 0, rest);
        start = 0;
        end = rest;
      }
    }
    if (overlong != null) {
      line++;
      pipeline.acceptOverlongLine(overlong, 0, overlongKept, overlongTotal, source, line);
    } else if (end > start) {
      line++;
      pipeline.acceptLine(buf, start, end - start, source, line);
    }
    return line;
  }

  private static int append(byte[] into, int kept, byte[] buf, int off, int len) {
    int room = Math.min(len, into.length - kept);
    if (room > 0) {
      System.arraycopy(buf, off, into, kept, room);
      return kept + room;
    }
    return kept;
  }

  private static int indexOfNewline(byte[] buf, int from, int end) {
    for (int i = from; i < end; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
