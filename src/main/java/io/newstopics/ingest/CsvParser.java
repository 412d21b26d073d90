package io.newstopics.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A streaming RFC 4180 reader of one CSV text: quoted fields may hold the delimiter, line breaks and {@code ""}.
 * A quote is broken when its closing quote is followed by something other than the delimiter or a line end, or
 * when it is still open at the end of the text or after {@code maxChars} characters: the record that opened it is
 * returned as malformed, and reading resumes on the line after the one the quote opened on, so the rows it would
 * have swallowed are read as rows. A record holds at most {@code maxChars} characters (bounded memory; a longer
 * unquoted row comes back as too large). Line ends (LF, CRLF, CR) are read as LF. Not thread-safe.
 */
final class CsvParser {
  /** Characters of a record's text kept in {@link Parsed#text}: a sample for the quarantine. */
  static final int SAMPLE = 200;

  /** One record: fields (null when {@code problem} is set), its first line, the start of its text. */
  record Parsed(List<String> fields, long line, String text, String problem, boolean tooLarge) {}

  private final Reader in;
  private final String delimiter;
  private final int maxChars;
  /** Text to read again (after a broken quote) before {@code in}, newest first. */
  private final Deque<StringBuilder> replay = new ArrayDeque<>();
  private final Deque<int[]> replayPos = new ArrayDeque<>();
  private final char[] buf = new char[8192];
  private int bufPos;
  private int bufLen;
  private int pending = -2;
  private long line = 1;
  private boolean afterNewline;

  CsvParser(Reader in, String delimiter, int maxChars) {
    if (delimiter.isEmpty() || delimiter.indexOf('"') >= 0 || delimiter.indexOf('\n') >= 0
        || delimiter.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("delimiter must be non-empty, without quotes or line breaks");
    }
    this.in = in;
    this.delimiter = delimiter;
    this.maxChars = Math.max(maxChars, 1);
  }

  /** The next character, line ends as '\n', or -1 at the end; keeps {@link #line} as the line of that character. */
  private int read() throws IOException {
    int c;
    if (!replay.isEmpty()) {
      StringBuilder b = replay.peek();
      int[] pos = replayPos.peek();
      c = b.charAt(pos[0]++);
      if (pos[0] == b.length()) {
        replay.pop();
        replayPos.pop();
      }
    } else {
      c = pending != -2 ? pending : readRaw();
      pending = -2;
      if (c == '\r') {
        int next = readRaw();
        if (next != '\n') {
          pending = next;
        }
        c = '\n';
      }
    }
    if (c == -1) {
      return -1;
    }
    if (afterNewline) {
      line++;
    }
    afterNewline = c == '\n';
    return c;
  }

  private int readRaw() throws IOException {
    if (bufPos == bufLen) {
      bufPos = 0;
      bufLen = Math.max(in.read(buf), 0);
      if (bufLen == 0) {
        return -1;
      }
    }
    return buf[bufPos++];
  }

  private enum State { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE }

  /** The next record, or null at the end of the text. Blank lines are skipped. */
  Parsed next() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    State state = State.FIELD_START;
    long start = -1;
    long openLine = 0;
    int afterOpenLine = -1;
    int delimAt = 0;
    while (true) {
      int c = read();
      if (c == -1) {
        if (state == State.QUOTED) {
          return broken(text, start, openLine, afterOpenLine, "a quote opened on line " + openLine
              + " is never closed");
        }
        if (start < 0 || state != State.AFTER_QUOTE && fields.isEmpty() && field.toString().isBlank()) {
          return null;
        }
        if (state == State.AFTER_QUOTE && delimAt > 0) {
          return broken(text, start, openLine, afterOpenLine, "the closing quote on line " + line
              + " is not followed by the delimiter or a line end");
        }
        return finish(fields, field, state, text, start);
      }
      if (start < 0) {
        start = line;
      }
      text.append((char) c);
      if (text.length() > maxChars) {
        if (state == State.QUOTED || state == State.AFTER_QUOTE) {
          if (c == '\n' && afterOpenLine < 0) {
            afterOpenLine = text.length();
          }
          return broken(text, start, openLine, afterOpenLine, "a quote opened on line " + openLine
              + " is still open after " + maxChars + " characters");
        }
        while (c != '\n' && c != -1) {
          c = read();
        }
        return new Parsed(null, start, sample(text), "the row is longer than " + maxChars
            + " characters", true);
      }
      switch (state) {
        case FIELD_START, UNQUOTED -> {
          if (state == State.FIELD_START && c == '"') {
            state = State.QUOTED;
            openLine = line;
            afterOpenLine = -1;
          } else if (c == '\n') {
            if (fields.isEmpty() && field.toString().isBlank()) {
              text.setLength(0);
              field.setLength(0);
              state = State.FIELD_START;
              start = -1;
              continue;
            }
            return finish(fields, field, state, text, start);
          } else {
            field.append((char) c);
            state = State.UNQUOTED;
            if (endsWithDelimiter(field)) {
              field.setLength(field.length() - delimiter.length());
              fields.add(field.isEmpty() ? null : field.toString());
              field.setLength(0);
              state = State.FIELD_START;
            }
          }
        }
        case QUOTED -> {
          if (c == '"') {
            state = State.AFTER_QUOTE;
            delimAt = 0;
          } else {
            if (c == '\n' && afterOpenLine < 0) {
              afterOpenLine = text.length();
            }
            field.append((char) c);
          }
        }
        case AFTER_QUOTE -> {
          if (delimAt == 0 && c == '"') {
            field.append('"');
            state = State.QUOTED;
          } else if (delimAt == 0 && c == '\n') {
            fields.add(field.toString());
            return new Parsed(fields, start, sample(text), null, false);
          } else if (c == delimiter.charAt(delimAt)) {
            if (++delimAt == delimiter.length()) {
              fields.add(field.toString());
              field.setLength(0);
              state = State.FIELD_START;
            }
          } else {
            if (c == '\n' && afterOpenLine < 0) {
              afterOpenLine = text.length();
            }
            return broken(text, start, openLine, afterOpenLine, "the closing quote on line " + line
                + " is not followed by the delimiter or a line end");
          }
        }
        default -> throw new IllegalStateException(state.toString());
      }
    }
  }

  /** The first {@link #SAMPLE} characters of {@code text}, without the line end that closed it. */
  private static String sample(StringBuilder text) {
    int end = Math.min(text.length(), SAMPLE);
    return text.substring(0, end > 0 && end == text.length() && text.charAt(end - 1) == '\n' ? end - 1 : end);
  }

  private boolean endsWithDelimiter(StringBuilder field) {
    int n = delimiter.length();
    int from = field.length() - n;
    if (from < 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (field.charAt(from + i) != delimiter.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static Parsed finish(List<String> fields, StringBuilder field, State state, StringBuilder text,
                               long start) {
    // an unquoted empty field is null (as in Spark's CSV reader); a quoted one is ""
    fields.add(state == State.AFTER_QUOTE ? field.toString() : field.isEmpty() ? null : field.toString());
    return new Parsed(fields, start, sample(text), null, false);
  }

  /**
   * The record from line {@code start} up to the end of the line the broken quote opened on, as malformed; the
   * lines after that are read again as rows.
   */
  private Parsed broken(StringBuilder text, long start, long openLine, int afterOpenLine, String problem)
      throws IOException {
    if (afterOpenLine >= 0) {
      if (afterOpenLine < text.length()) {
        replay.push(new StringBuilder(text.substring(afterOpenLine)));
        replayPos.push(new int[] {0});
      }
      text.setLength(afterOpenLine - 1);
      line = openLine;
      afterNewline = true;
    } else {
      for (int c = text.isEmpty() ? 0 : text.charAt(text.length() - 1); c != '\n' && c != -1; ) {
        c = read();
        if (c != '\n' && c != -1 && text.length() < maxChars) {
          text.append((char) c);
        }
      }
    }
    return new Parsed(null, start, sample(text), problem, false);
  }
}
