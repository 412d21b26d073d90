package io.newstopics.report;

import java.util.Locale;

/** JSON literals for the few values the report builds itself (the rest comes from Spark's toJSON). */
final class Json {
  private Json() {}

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** A number, or null for null, NaN and infinities (which JSON cannot carry). */
  static String num(Double d) {
    return d == null || d.isNaN() || d.isInfinite() ? "null" : Double.toString(d);
  }
}
