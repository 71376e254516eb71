package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** Content lines as RFC 5545 sections 3.1 (folding) and 3.3.11 (TEXT escaping) define them. */
public class ICalendarTest {

  /** Undoes the folding as a reader does: a CRLF followed by one space is removed. */
  private static String unfold(String ics) {
    return ics.replace("\r\n ", "");
  }

  private static List<String> lines(String ics) {
    assertTrue("every line ends with CRLF", ics.endsWith("\r\n"));
    return List.of(ics.substring(0, ics.length() - 2).split("\r\n", -1));
  }

  @Test
  public void textEscapesBackslashSemicolonCommaAndLineBreaks() {
    assertEquals("a\\\\b\\;c\\,d\\ne\\nf\\ng", ICalendar.escape("a\\b;c,d\ne\r\nf\rg"));
    assertEquals("colon: and \"quotes\" stay", ICalendar.escape("colon: and \"quotes\" stay"));
    assertEquals("nobell", ICalendar.escape("no\u0007bell"));
  }

  @Test
  public void longLinesFoldAt75OctetsAndUnfoldToTheOriginal() {
    String value = "x".repeat(200);
    String ics = new ICalendar().raw("DESCRIPTION", value).toString();
    for (String line : lines(ics)) {
      assertTrue(line, line.getBytes(StandardCharsets.UTF_8).length <= 75);
    }
    assertEquals(75, lines(ics).get(0).length());
    assertTrue(lines(ics).get(1).startsWith(" "));
    assertEquals("DESCRIPTION:" + value + "\r\n", unfold(ics));
  }

  @Test
  public void foldingNeverSplitsAUtf8SequenceOrASurrogatePair() {
    // Three octets per Chinese character, four per emoji: a naive cut at octet 75 would split one.
    String value = "冬季新品上市".repeat(10) + "🎉".repeat(30);
    String ics = new ICalendar().text("SUMMARY", value).toString();
    for (String line : lines(ics)) {
      byte[] octets = line.getBytes(StandardCharsets.UTF_8);
      assertTrue(line, octets.length <= 75);
      assertEquals(line, new String(octets, StandardCharsets.UTF_8));
      assertTrue(line, !Character.isLowSurrogate(line.charAt(line.startsWith(" ") ? 1 : 0)));
    }
    assertEquals("SUMMARY:" + value + "\r\n", unfold(ics));
  }

  @Test
  public void timesAreWrittenInUtc() {
    String ics = new ICalendar().time("DTSTART", Instant.parse("2026-12-08T01:00:00Z")).toString();
    assertEquals("DTSTART:20261208T010000Z\r\n", ics);
  }
}
