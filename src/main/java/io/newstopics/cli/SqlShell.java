package io.newstopics.cli;

import io.newstopics.tables.TableSpec;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Views;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * {@code news-topics sql} with no query: an interactive SQL prompt over a warehouse, like {@code spark-sql}.
 * Statements end with {@code ;} and may span lines; results print as tables; history is kept between sessions.
 */
public final class SqlShell {
  static final String PROMPT = "news> ";
  static final String CONTINUATION = "   -> ";

  /** Where lines come from: a JLine reader on a terminal, or plain lines when input is piped. */
  interface Lines {
    /** The next line; null at end of input. An interrupt (Ctrl-C) returns {@link #INTERRUPTED}. */
    String read(String prompt);
  }

  static final String INTERRUPTED = "\u0000interrupted";

  private final SparkSession spark;
  private final Lines lines;
  private final PrintStream out;
  private final int limit;

  SqlShell(SparkSession spark, Lines lines, PrintStream out, int limit) {
    this.spark = spark;
    this.lines = lines;
    this.out = out;
    this.limit = limit;
  }

  /** Line editing and history on a terminal. */
  static Lines terminalLines(Terminal terminal, Path historyFile) {
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]); // SQL text is passed on exactly as typed
    LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).parser(parser)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    if (historyFile != null) {
      b.variable(LineReader.HISTORY_FILE, historyFile);
    }
    LineReader reader = b.build();
    return prompt -> {
      try {
        return reader.readLine(prompt);
      } catch (UserInterruptException e) {
        return INTERRUPTED;
      } catch (EndOfFileException e) {
        return null;
      }
    };
  }

  /** Statements piped in (a script): no prompts, no history. */
  static Lines plainLines(java.io.BufferedReader in) {
    return prompt -> {
      try {
        return in.readLine();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  /** Opens the warehouse and runs the prompt on this process's terminal (a dumb one when input is piped). */
  public static void run(SparkSession spark, String warehouse, int limit) throws java.io.IOException {
    io.newstopics.tables.Warehouse.open(spark, warehouse);
    if (System.console() == null) { // input is piped: read it as a script
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
      new SqlShell(spark, plainLines(in), System.out, limit).loop();
      return;
    }
    try (Terminal terminal = org.jline.terminal.TerminalBuilder.builder().system(true).build()) {
      Path history = Path.of(System.getProperty("user.home"), ".news_topics_history");
      PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
      new SqlShell(spark, terminalLines(terminal, history), out, limit).loop();
    }
  }

  /** Reads and runs statements until exit, quit or end of input. */
  void loop() {
    out.println("news-topics SQL over the `news` database. End statements with ;  "
        + "Type help for the tables and views, exit to leave.");
    StringBuilder pending = new StringBuilder();
    while (true) {
      String line = lines.read(pending.isEmpty() ? PROMPT : CONTINUATION);
      if (line == null) { // Ctrl-D or end of the script: a last statement may lack its ;
        if (!isBlankOrComment(pending.toString())) {
          execute(pending.toString().strip());
        }
        break;
      }
      if (line.equals(INTERRUPTED)) { // Ctrl-C drops the statement being typed
        pending.setLength(0);
        continue;
      }
      if (pending.isEmpty()) {
        String word = line.strip().replaceAll(";$", "").toLowerCase(Locale.ROOT);
        if (List.of("exit", "quit", "\\q").contains(word)) {
          break;
        }
        if (List.of("help", "\\h", "\\?").contains(word)) {
          printHelp();
          continue;
        }
      }
      pending.append(line).append('\n');
      Split split = split(pending.toString());
      for (String statement : split.statements()) {
        execute(statement);
      }
      pending.setLength(0);
      if (!isBlankOrComment(split.rest())) {
        pending.append(split.rest());
      }
    }
    out.println("Bye.");
  }

  private void execute(String statement) {
    long start = System.nanoTime();
    try {
      SqlCommand.print(spark.sql(statement), "table", limit, out);
      out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - start) / 1e9);
    } catch (Exception e) { // a bad statement must not end the session
      var damaged = io.newstopics.tables.DamagedTables.explain(e); // one table's log: what to do
      String msg = damaged.isPresent() ? damaged.get().getMessage()
          : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      out.println("Error: " + msg.lines().findFirst().orElse(msg));
    }
  }

  private void printHelp() {
    out.println("Tables:");
    for (TableSpec t : Tables.ALL) {
      out.println("  " + t.qualifiedName() + " - " + t.comment());
    }
    out.println("Views:");
    for (Views.ViewSpec v : Views.all()) {
      out.println("  " + v.qualifiedName() + " - " + v.comment());
    }
    out.println("Try: SELECT * FROM news.topic_summary;   DESCRIBE news.articles;   "
        + "Ctrl-C drops the statement being typed, Ctrl-D or exit leaves.");
  }

  /** Complete statements of {@code text} (without their {@code ;}) and what follows the last {@code ;}. */
  record Split(List<String> statements, String rest) {}

  /** Splits on semicolons outside quotes, backticks and comments. */
  static Split split(String text) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    char quote = 0;
    boolean lineComment = false;
    boolean blockComment = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (lineComment) {
        lineComment = c != '\n';
      } else if (blockComment) {
        if (c == '*' && next == '/') {
          blockComment = false;
          i++;
        }
      } else if (quote != 0) {
        if (c == '\\' && quote != '`') {
          i++; // escaped character inside a string
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '-' && next == '-') {
        lineComment = true;
        i++;
      } else if (c == '/' && next == '*') {
        blockComment = true;
        i++;
      } else if (c == ';') {
        String s = text.substring(start, i).strip();
        if (!isBlankOrComment(s)) {
          statements.add(s);
        }
        start = i + 1;
      }
    }
    return new Split(statements, text.substring(start));
  }

  private static boolean isBlankOrComment(String s) {
    return s.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("--"));
  }
}
