package io.newstopics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV parser on its own: each record as "line:fields" or "line:!problem". */
class CsvParserTest {
  private static List<String> parse(String text, String delimiter, int maxChars) throws Exception {
    CsvParser p = new CsvParser(new StringReader(text), delimiter, maxChars);
    List<String> out = new ArrayList<>();
    for (CsvParser.Parsed r = p.next(); r != null; r = p.next()) {
      out.add(r.line() + ":" + (r.fields() == null ? (r.tooLarge() ? "!large " : "!") + r.problem() : r.fields()));
    }
    return out;
  }

  @Test
  void rfc4180FieldsLineEndsAndBlankLines() throws Exception {
    assertEquals(List.of("1:[a, b, c]", "3:[x\ny, , null]", "6:[q\"q, null, z]"),
        parse("a,b,c\r\n\r\n\"x\r\ny\",\"\",\n  \n\"q\"\"q\",,z", ",", 1000));
    assertEquals(List.of("1:[a, b]", "2:[c|d, e]"), parse("a||b\n\"c|d\"||e\n", "||", 1000));
  }

  @Test
  void aBrokenQuoteCostsOneRecordAndTheLinesAfterItAreRows() throws Exception {
    assertEquals(List.of("1:[id, text]", "2:!a quote opened on line 2 is never closed", "3:[b, two]", "4:[c, three]"),
        parse("id,text\na,\"one\nb,two\nc,three\n", ",", 1000));
    assertEquals(List.of("1:!the closing quote on line 1 is not followed by the delimiter or a line end",
            "2:[b, x\ny]"),
        parse("\"a\"b,c\nb,\"x\ny\"\n", ",", 1000));
    // a legitimate multi-line field, then a quote broken on the record's second line: the lines after it are rows
    assertEquals(List.of("1:!the closing quote on line 3 is not followed by the delimiter or a line end",
            "3:[d\" e, f]"),
        parse("\"a\nb\",\"c\nd\" e,f\n", ",", 1000));
  }

  @Test
  void recordsLongerThanTheLimitAreReportedWithBoundedMemory() throws Exception {
    String longRow = "a," + "x".repeat(50) + "\n";
    List<String> got = parse(longRow + "b,c\n", ",", 20);
    assertEquals(List.of("1:!large the row is longer than 20 characters", "2:[b, c]"), got);
    got = parse("a,\"" + "x".repeat(30) + "\nb,c\n", ",", 20);
    assertEquals(2, got.size(), got.toString());
    assertTrue(got.get(0).startsWith("1:!a quote opened on line 1 is still open after 20"), got.toString());
    assertEquals("2:[b, c]", got.get(1));
  }

  /** Each character is read at most twice: a quote broken on every line, or open to the end, stays linear. */
  @Test
  void brokenQuotesOnManyLinesAreReadInLinearTime() {
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
      List<String> everyLine = parse("a,\"b\n".repeat(200_000), ",", 1_000_000);
      assertEquals(200_000, everyLine.size());
      assertTrue(everyLine.stream().allMatch(r -> r.contains(":!")), everyLine.get(0));
      List<String> openToTheEnd = parse("x,\"y\n" + "c,d\n".repeat(200_000), ",", 10_000_000);
      assertEquals(200_001, openToTheEnd.size());
      assertEquals("200001:[c, d]", openToTheEnd.get(200_000));
    });
  }
}
