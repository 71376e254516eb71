package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.PageRequest;
import org.socialweave.api.content.CalendarQuery;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.ImportProblem;
import org.socialweave.api.content.ImportReport;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostImportService;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;

/**
 * CSV imports: the preview finds every row's errors, and a file is imported whole or not at all.
 */
public class PostImporterTest extends ContentTestBase {

  private PostImporter importer;
  private Campaign winter;
  private String tomorrow9;

  @Before
  public void setUpImporter() {
    importer = new PostImporter(posts, campaigns, channels, networks, wsLookup(), clock);
    winter = campaign("Winter");
    tomorrow9 =
        LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"))
            .plusDays(1)
            .truncatedTo(ChronoUnit.DAYS)
            .withHour(9)
            .toString();
  }

  private java.util.function.Function<String, java.util.Optional<org.socialweave.api.Workspace>>
      wsLookup() {
    return id -> id.equals(ws.id()) ? java.util.Optional.of(ws) : java.util.Optional.empty();
  }

  private static byte[] utf8(String csv) {
    return csv.getBytes(StandardCharsets.UTF_8);
  }

  private List<Post> calendar() {
    return posts
        .list(ws.id(), new CalendarQuery(null, null, null, null, null), PageRequest.first(200))
        .items();
  }

  private String goodFile() {
    return "text,channels,localTime,timeZone,campaign,title,link\r\n"
        + "冬季新品上市,@"
        + weibo
        + "|"
        + x
        + ","
        + tomorrow9
        + ",Asia/Shanghai,winter,,https://brand.example/w\r\n"
        + "\"Two lines,\nwith a \"\"quote\"\"\","
        + x
        + ",,,,Title,\r\n";
  }

  @Test
  public void aPreviewChecksEveryRowAndSavesNothing() {
    ImportReport report = importer.importCsv(ws.id(), utf8(goodFile()), null, true, "editor");
    assertTrue(report.errors().toString(), report.errors().isEmpty());
    assertTrue(report.dryRun());
    assertEquals(2, report.rows());
    assertEquals("UTF-8", report.charset());
    assertTrue(report.postIds().isEmpty());
    assertTrue(calendar().isEmpty());
  }

  @Test
  public void anImportCreatesAndSchedulesEveryRow() {
    ImportReport report = importer.importCsv(ws.id(), utf8(goodFile()), null, false, "editor");
    assertEquals(2, report.postIds().size());
    Post first = posts.get(ws.id(), report.postIds().get(0));
    assertEquals(PostStatus.SCHEDULED, first.status());
    assertEquals(winter.id(), first.campaignId());
    assertEquals(List.of(weibo, x), first.variants().stream().map(v -> v.channelId()).toList());
    assertEquals(
        LocalDateTime.parse(tomorrow9).atZone(ZoneId.of("Asia/Shanghai")).toInstant(),
        first.scheduledAt());
    Post second = posts.get(ws.id(), report.postIds().get(1));
    assertEquals("Two lines,\nwith a \"quote\"", second.text());
    assertEquals("Title", second.title());
    assertEquals(PostStatus.DRAFT, second.status());
  }

  @Test
  public void everyBadRowIsReportedWithItsColumnAndNothingIsImported() {
    String past = Instant.now().minus(1, ChronoUnit.DAYS).toString();
    String csv =
        "text,channels,scheduledAt,localTime,timeZone,campaign\n"
            + "ok,"
            + x
            + ",,,,\n"
            + "unknown channel,nosuch;"
            + x
            + ",,,,\n"
            + "too few columns,"
            + x
            + "\n"
            + ",,"
            + past
            + ",,,\n"
            + "bad zone,"
            + x
            + ",,"
            + tomorrow9
            + ",Mars/Olympus,\n"
            + "bad time,"
            + x
            + ",next tuesday,,,\n"
            + "both times,"
            + x
            + ",2031-01-01T00:00:00Z,"
            + tomorrow9
            + ",,\n"
            + "no campaign,"
            + x
            + ",,,,Spring\n";
    ImportReport preview = importer.importCsv(ws.id(), utf8(csv), null, true, "editor");
    List<String> found = preview.errors().stream().map(p -> p.row() + ":" + p.column()).toList();
    assertEquals(
        List.of(
            "3:channels",
            "4:null",
            "5:text",
            "5:scheduledAt",
            "5:channels",
            "6:timeZone",
            "7:scheduledAt",
            "8:localTime",
            "9:campaign"),
        found);
    assertTrue(preview.errors().get(0).message().contains("nosuch"));
    assertTrue(preview.errors().get(1).message().contains("expected 6 columns"));
    SocialWeaveException refused =
        assertThrows(
            SocialWeaveException.class,
            () -> importer.importCsv(ws.id(), utf8(csv), null, false, "editor"));
    assertEquals(422, refused.status());
    assertTrue(refused.getMessage(), refused.getMessage().contains("row 3, channels"));
    assertTrue(calendar().isEmpty());
  }

  @Test
  public void aBrokenQuoteStopsTheFileAtItsRow() {
    String csv = "text,channels\nfine," + x + "\n\"never closed," + x + "\nlast," + x + "\n";
    ImportReport preview = importer.importCsv(ws.id(), utf8(csv), null, true, "editor");
    assertEquals(1, preview.errors().size());
    ImportProblem problem = preview.errors().get(0);
    assertEquals(3, problem.row());
    assertTrue(problem.message(), problem.message().startsWith("broken quoting"));
  }

  @Test
  public void gbkFilesAreDetectedOrNamed() {
    Charset gbk = Charset.forName("GBK");
    byte[] file = ("text,channels\n冬季新品上市，欢迎选购," + weibo + "\n").getBytes(gbk);
    ImportReport detected = importer.importCsv(ws.id(), file, null, false, "editor");
    assertEquals("GB18030", detected.charset());
    assertEquals("冬季新品上市，欢迎选购", posts.get(ws.id(), detected.postIds().get(0)).text());
    ImportReport named = importer.importCsv(ws.id(), file, "GBK", true, "editor");
    assertEquals("GBK", named.charset());
    assertTrue(named.errors().isEmpty());
    // Named wrongly: strict decoding refuses it instead of importing mojibake.
    ImportReport wrong = importer.importCsv(ws.id(), file, "UTF-8", true, "editor");
    assertEquals(0, wrong.errors().get(0).row());
    assertThrows(
        ValidationException.class,
        () -> importer.importCsv(ws.id(), file, "no-such-charset", true, "editor"));
  }

  @Test
  public void aUtf8ByteOrderMarkIsNotPartOfTheHeader() {
    byte[] body = utf8("text,channels\n新品," + weibo + "\n");
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    ImportReport report = importer.importCsv(ws.id(), withBom, null, true, "editor");
    assertTrue(report.errors().toString(), report.errors().isEmpty());
    assertEquals("UTF-8", report.charset());
  }

  @Test
  public void emptyFilesAndBadHeadersAreFileErrors() {
    ImportReport empty = importer.importCsv(ws.id(), new byte[0], null, true, "editor");
    assertEquals(0, empty.errors().get(0).row());
    ImportReport json = importer.importCsv(ws.id(), utf8("{}"), null, true, "editor");
    assertEquals(
        List.of("{}", "text", "channels"),
        json.errors().stream().map(ImportProblem::column).toList());
    ImportReport twice =
        importer.importCsv(ws.id(), utf8("text,Text,channels\na,b," + x), null, true, "e");
    assertEquals("text", twice.errors().get(0).column());
  }

  @Test
  public void aFileOverTheLimitIsRefusedBySize() {
    byte[] big = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    SocialWeaveException e =
        assertThrows(
            SocialWeaveException.class,
            () -> importer.importCsv(ws.id(), big, null, true, "editor"));
    assertEquals(413, e.status());
  }

  @Test
  public void moreRowsThanTheLimitAreRefused() {
    StringBuilder csv = new StringBuilder("text,channels\n");
    for (int i = 0; i <= PostImportService.MAX_ROWS; i++) {
      csv.append("post ").append(i).append(',').append(x).append('\n');
    }
    ImportReport report = importer.importCsv(ws.id(), utf8(csv.toString()), null, true, "e");
    assertEquals(PostImportService.MAX_ROWS + 2, report.errors().get(0).row());
    assertFalse(report.errors().isEmpty());
  }

  @Test
  public void aTextCutForANetworkIsAWarning() {
    String csv = "text,channels\n" + "长".repeat(200) + "," + weibo + "\n";
    ImportReport report = importer.importCsv(ws.id(), utf8(csv), null, true, "editor");
    assertTrue(report.errors().isEmpty());
    assertEquals(1, report.warnings().size());
    assertEquals(2, report.warnings().get(0).row());
  }
}
