package dev.whence.app.run;

/**
 * Makes untrusted text (file names, command lines) safe to print on a terminal: control characters,
 * terminal escapes, bidirectional overrides and other invisible format characters become {@code
 * \xNN} / {@code <U+NNNN>}, and long text is cut.
 */
public final class TerminalText {

  /** Longest text printed, in characters, before the cut mark. */
  public static final int MAX_CHARS = 300;

  private TerminalText() {}

  /** The printable form of {@code text}; "-" for null. */
  public static String safe(String text) {
    if (text == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
    int i = 0;
    while (i < text.length()) {
      if (out.length() >= MAX_CHARS) {
        out.append("...");
        break;
      }
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x20 || cp == 0x7f) {
        out.append(String.format("\\x%02x", cp));
      } else if (Character.isISOControl(cp)
          || Character.getType(cp) == Character.FORMAT
          || Character.getType(cp) == Character.SURROGATE
          || Character.getType(cp) == Character.LINE_SEPARATOR
          || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR
          || Character.getType(cp) == Character.PRIVATE_USE
          || Character.getType(cp) == Character.UNASSIGNED) {
        out.append(String.format("<U+%04X>", cp));
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }
}
