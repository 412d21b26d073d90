package io.newstopics.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Generated hostile article texts for the fuzz test: random bytes, huge and deeply nested markup, mixed encodings,
 * pathological repetitions, control characters and lone surrogates, between ordinary news sentences. Seeded: the same
 * seed gives the same records.
 */
public final class HostileRecords {
  private static final String[] SENTENCES = {
      "Президент Венесуэлы Николас Мадуро попросил Россию о военной помощи.",
      "Москва обещала поставить ракеты, радары и истребители.",
      "США ввели новые санкции против нефтяной компании PDVSA.",
      "Лидер оппозиции призвал армию перейти на сторону народа.",
      "Україна засудила постачання зброї режиму Мадуро.",
      "Вашингтон стягує військові кораблі до узбережжя Венесуели."};
  /** Kinds of {@link #text}: the index names the kind in failure messages. */
  public static final String[] KINDS = {"news", "random bytes as text", "unclosed comments", "unclosed scripts",
      "nested markup", "huge markup", "digit chain", "at signs", "whitespace run", "blank lines", "carriage returns",
      "brace and spaces", "control characters", "lone surrogates", "mixed encodings", "long line", "entities",
      "emoji and symbols", "code lines", "links in parentheses"};

  private final Random random;

  public HostileRecords(long seed) {
    this.random = new Random(seed);
  }

  public int kind() {
    return random.nextInt(KINDS.length);
  }

  private String news(int sentences) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      b.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
    }
    return b.toString();
  }

  /** Repetitions of the pathological part: mostly few, one time in ten thousands (texts of up to ~250 KB). */
  private int size() {
    return random.nextInt(10) == 0 ? 2_000 + random.nextInt(8_000) : 10 + random.nextInt(300);
  }

  /** A text of the given kind, with some news around it so that many are still articles. */
  public String text(int kind) {
    int n = size();
    String body = switch (kind) {
      case 0 -> news(3 + random.nextInt(10));
      case 1 -> new String(bytes(n), StandardCharsets.ISO_8859_1);
      case 2 -> "<!--".repeat(n);
      case 3 -> "<script>x = 1;".repeat(n);
      case 4 -> "<div>".repeat(n) + news(2) + "</div>".repeat(n / 2);
      case 5 -> "<p class=\"" + "x".repeat(n) + "\">" + news(2) + "</p><b>слово</b>".repeat(n);
      case 6 -> "1.".repeat(n) + "1";
      case 7 -> "a@".repeat(n) + " b.c";
      case 8 -> " \t".repeat(n * 4);
      case 9 -> "\n".repeat(n * 4);
      case 10 -> "x\r".repeat(n);
      case 11 -> "{" + " ".repeat(n * 4) + "x;";
      case 12 -> controls(n);
      case 13 -> "\uD800x\uDC00".repeat(n);
      case 14 -> new String(news(3).getBytes(Charset.forName("windows-1251")), StandardCharsets.ISO_8859_1)
          + news(2);
      case 15 -> "слово".repeat(n * 2);
      case 16 -> "&nbsp;&#1234;&amp".repeat(n);
      case 17 -> "👉🏻🇻🇪✅".repeat(n);
      case 18 -> "var x = function() { document.write('y'); };\n".repeat(n);
      default -> "(http://".repeat(n);
    };
    return random.nextBoolean() ? news(1 + random.nextInt(3)) + "\n" + body : body + "\n" + news(2);
  }

  public byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private String controls(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) random.nextInt(32)).append('ы');
    }
    return b.toString();
  }

  public Random random() {
    return random;
  }
}
