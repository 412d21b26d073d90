package io.newstopics.ingest;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Turns the bytes of one file into text: a byte-order mark decides first, then strict UTF-8, then
 * juniversalchardet's detection (Windows-1251, KOI8-R, IBM866, ISO-8859-5, UTF-16 without BOM...). Binary files
 * and bytes no charset explains are reported, not guessed. HTML is reduced to its text (title first).
 */
public final class TextDecoder implements Serializable {
  /** Outcome codes, also used as quarantine reasons. */
  public static final String BINARY = "binary_file";
  public static final String UNDECODABLE = "undecodable";
  public static final String READ_FAILED = "read_failed";

  private static final Pattern HTML = Pattern.compile(
      "(?is)^\\s*(<\\?xml[^>]*>\\s*)?(<!doctype\\s+html|<html|<head|<body|<meta|<div|<p>|<article)");

  private TextDecoder() {}

  /** text, charset and html flag, or an error code with a human message. */
  public record Decoded(String text, String charset, boolean html, String error, String message) {
    static Decoded failed(String error, String message) {
      return new Decoded(null, null, false, error, message);
    }
  }

  /** {@link #decode}, with an exception on one file (a parser's limit, say) as that file's error, not the run's. */
  public static Decoded decodeSafely(byte[] bytes) {
    try {
      return decode(bytes);
    } catch (RuntimeException | StackOverflowError e) {
      return Decoded.failed(READ_FAILED, "Could not read the file as text (" + e.getClass().getName() + ": "
          + String.valueOf(e.getMessage()).replaceAll("\\s+", " ") + "); re-save it as plain UTF-8 text");
    }
  }

  public static Decoded decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return new Decoded("", "UTF-8", false, null, null);
    }
    Charset bom = bom(bytes);
    String text;
    String charset;
    if (bom != null) {
      int skip = bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
      text = strict(bytes, skip, bom);
      charset = bom.name();
    } else {
      if (looksBinary(bytes)) {
        return Decoded.failed(BINARY, "Binary content (NUL or control bytes): not a text article; remove it from "
            + "the input folder");
      }
      text = strict(bytes, 0, StandardCharsets.UTF_8);
      charset = "UTF-8";
      if (text == null) {
        String detected = detect(bytes);
        if (detected == null) {
          return Decoded.failed(UNDECODABLE, "Neither UTF-8 nor a charset the detector recognises; re-save the "
              + "file as UTF-8");
        }
        charset = detected;
        text = strict(bytes, 0, Charset.forName(detected));
      }
    }
    if (text == null) {
      return Decoded.failed(UNDECODABLE, "Bytes invalid in the detected charset " + charset
          + "; re-save the file as UTF-8");
    }
    if (HTML.matcher(text).find()) {
      return new Decoded(htmlToText(text), charset, true, null, null);
    }
    return new Decoded(text, charset, false, null, null);
  }

  private static Charset bom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  /** NUL bytes, or more than 1% control bytes other than tab, newlines, form feed and escape. */
  static boolean looksBinary(byte[] b) {
    int control = 0;
    int n = Math.min(b.length, 65_536);
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if (c == 0) {
        return true;
      }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
        control++;
      }
    }
    return control > n / 100;
  }

  private static String strict(byte[] b, int offset, Charset cs) {
    try {
      return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, offset, b.length - offset)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String detect(byte[] b) {
    UniversalDetector d = new UniversalDetector();
    d.handleData(b, 0, b.length);
    d.dataEnd();
    String cs = d.getDetectedCharset();
    return cs != null && Charset.isSupported(cs) ? cs : null;
  }

  /** Visible text of an HTML page, one block per line, the title first; scripts, styles and navigation dropped. */
  static String htmlToText(String html) {
    Document doc = Jsoup.parse(html);
    doc.select("script, style, noscript, iframe, nav, footer, form, svg, button").remove();
    doc.select("br").after("\\n");
    doc.select("p, div, h1, h2, h3, h4, h5, h6, li, tr, article, section, header, blockquote, title").before("\\n");
    String title = doc.title().strip();
    String body = doc.body() == null ? "" : doc.body().text().replace("\\n", "\n");
    StringBuilder out = new StringBuilder();
    if (!title.isEmpty()) {
      out.append(title).append('\n');
    }
    for (String line : body.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !(out.length() == title.length() + 1 && l.equals(title))) {
        out.append(l).append('\n');
      }
    }
    return out.toString().strip();
  }
}
