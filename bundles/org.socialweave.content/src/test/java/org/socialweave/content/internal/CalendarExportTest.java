package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.Test;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.ValidationException;

/** The calendar as CSV and as iCalendar, from posts scheduled on a real database. */
public class CalendarExportTest extends ContentTestBase {

  private Post scheduled(String text, String title, String campaignId, Duration in) {
    Post p =
        posts.create(
            ws.id(),
            new PostDraft(campaignId, text, title, null, List.of(x, weibo), null, Map.of()),
            "editor");
    return posts.schedule(
        ws.id(), p.id(), new Schedule(clock.instant().plus(in), null, null), "editor");
  }

  @Test
  public void theCsvHasOneRowPerPostInTheRange() throws IOException {
    Campaign c = campaign("Winter");
    Post first = scheduled("冬季, \"新品\"\n第二行", null, c.id(), Duration.ofHours(2));
    scheduled("=HYPERLINK(\"http://evil\")", "title", null, Duration.ofHours(3));
    scheduled("outside", null, null, Duration.ofDays(3));
    CalendarExport export = new CalendarExport(posts, campaigns);
    Instant from = clock.instant();
    List<Post> calendar = export.posts(ws.id(), from, from.plus(Duration.ofDays(1)));
    assertEquals(2, calendar.size());
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .build()
            .parse(new StringReader(export.csv(ws.id(), calendar)))
            .getRecords();
    assertEquals(2, rows.size());
    CSVRecord row = rows.get(0);
    assertEquals(first.id(), row.get("id"));
    assertEquals(first.scheduledAt().toString(), row.get("scheduledAt"));
    assertEquals("Asia/Shanghai", row.get("timeZone"));
    assertEquals("Winter", row.get("campaign"));
    assertEquals("冬季, \"新品\"\n第二行", row.get("text"));
    assertEquals(x + "|" + weibo, row.get("channels"));
    assertEquals("x " + x + ": SCHEDULED|weibo " + weibo + ": SCHEDULED", row.get("deliveries"));
    assertEquals("'=HYPERLINK(\"http://evil\")", rows.get(1).get("text"));
  }

  @Test
  public void aCampaignsExportHasOnlyItsPosts() {
    Campaign winter = campaign("Winter");
    Post inCampaign = scheduled("in the campaign", null, winter.id(), Duration.ofHours(2));
    scheduled("not in it", null, null, Duration.ofHours(3));
    CalendarExport export = new CalendarExport(posts, campaigns);
    Instant from = clock.instant();
    Instant to = from.plus(Duration.ofDays(1));
    assertEquals(
        List.of(inCampaign.id()),
        export.posts(ws.id(), from, to, winter.id()).stream().map(Post::id).toList());
    assertEquals(2, export.posts(ws.id(), from, to, null).size());
  }

  @Test
  public void theIcsHasOneEventPerPostWithEachChannelsStatus() {
    Post p = scheduled("Sale; today, only\\now", "Winter sale", null, Duration.ofHours(1));
    CalendarExport export = new CalendarExport(posts, campaigns);
    Instant from = clock.instant();
    String ics =
        export.ics(ws.slug(), export.posts(ws.id(), from, from.plus(Duration.ofDays(1))), from);
    String unfolded = ics.replace("\r\n ", "");
    assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assertTrue(ics.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    assertTrue(unfolded.contains("\r\nUID:" + p.id() + "@socialweave\r\n"));
    assertTrue(unfolded.contains("\r\nSUMMARY:Winter sale\r\n"));
    assertTrue(
        unfolded.contains(
            "\r\nDESCRIPTION:Sale\\; today\\, only\\\\now\\n\\nx "
                + x
                + ": SCHEDULED\\nweibo "
                + weibo
                + ": SCHEDULED\r\n"));
    assertTrue(unfolded.contains("\r\nCATEGORIES:SCHEDULED\r\n"));
    String start =
        java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC)
            .format(p.scheduledAt());
    assertTrue(unfolded.contains("\r\nDTSTART:" + start + "\r\n"));
  }

  @Test
  public void theRangeIsRequiredAndBounded() {
    CalendarExport export = new CalendarExport(posts, campaigns);
    Instant now = clock.instant();
    assertEquals(
        "from",
        assertThrows(ValidationException.class, () -> export.posts(ws.id(), null, now)).field());
    assertThrows(
        ValidationException.class,
        () -> export.posts(ws.id(), now, now.plus(Duration.ofDays(400))));
    assertThrows(ValidationException.class, () -> export.posts(ws.id(), now, now));
  }
}
