package org.socialweave.connector.bluesky.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class RichTextAndRecordKeysTest {

  private static List<String> describe(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return RichText.detect(text).stream()
        .map(
            s ->
                s.kind()
                    + " "
                    + s.value()
                    + " ["
                    + new String(
                        Arrays.copyOfRange(bytes, s.byteStart(), s.byteEnd()),
                        StandardCharsets.UTF_8)
                    + "]")
        .toList();
  }

  @Test
  public void byteOffsetsCountUtf8NotUtf16() {
    String text = "😀 #tag";
    RichText.Span tag = RichText.detect(text).get(0);
    assertEquals(3, tag.start()); // UTF-16: the emoji is two units, then a space
    assertEquals(5, tag.byteStart()); // UTF-8: the emoji is four bytes, then a space
    assertEquals(9, tag.byteEnd());
  }

  @Test
  public void linksStopAtChineseTextAndDropTrailingPunctuation() {
    assertEquals(
        List.of("LINK https://example.com/a?b=1 [https://example.com/a?b=1]"),
        describe("详情见https://example.com/a?b=1。更多"));
    assertEquals(
        List.of("LINK https://example.com [https://example.com]"),
        describe("see https://example.com."));
    assertEquals(
        List.of("LINK https://en.wikipedia.org/wiki/A_(b) [https://en.wikipedia.org/wiki/A_(b)]"),
        describe("(https://en.wikipedia.org/wiki/A_(b))"));
    assertEquals(
        List.of("LINK http://x.example/p [http://x.example/p]"),
        describe("(see http://x.example/p)"));
    assertEquals(List.of(), describe("https:// nothing, and ftp://x.example"));
    assertEquals(List.of(), describe("foohttps://x.example"));
  }

  @Test
  public void mentionsNeedAHandleShapeAndAreNotEmails() {
    assertEquals(
        List.of("MENTION bob.bsky.social [@bob.bsky.social]"), describe("你好@bob.bsky.social，在吗"));
    assertEquals(
        List.of("MENTION bob.bsky.social [@bob.bsky.social]"), describe("cc @bob.bsky.social."));
    assertEquals(List.of(), describe("mail bob@bob.bsky.social or @bob or @1.2"));
    assertEquals(
        List.of(
            "LINK https://bsky.app/profile/@bob.bsky.social [https://bsky.app/profile/@bob.bsky.social]"),
        describe("https://bsky.app/profile/@bob.bsky.social"));
  }

  @Test
  public void hashtagsFollowTheOfficialRule() {
    assertEquals(List.of("TAG 话题 [#话题]", "TAG tag2 [#tag2]"), describe("#话题 and #tag2!"));
    assertEquals(List.of("TAG 全角 [＃全角]"), describe("看 ＃全角"));
    assertEquals(List.of(), describe("看＃全角")); // a hashtag follows white space
    assertEquals(List.of(), describe("#123 and C#, a#b, # alone"));
    assertEquals(List.of("TAG 1a [#1a]"), describe("#1a"));
    assertEquals(List.of("TAG 标签 [#标签]"), describe("\u3000#标签"));
    assertEquals(List.of(), describe("#" + "a".repeat(65)));
    assertEquals(
        List.of("TAG " + "a".repeat(64) + " [#" + "a".repeat(64) + "]"),
        describe("#" + "a".repeat(64)));
  }

  @Test
  public void spansComeInTextOrder() {
    List<RichText.Span> spans = RichText.detect("#a @b.bsky.social https://x.example #c");
    assertEquals(4, spans.size());
    for (int i = 1; i < spans.size(); i++) {
      assertTrue(spans.get(i).start() >= spans.get(i - 1).end());
    }
  }

  @Test
  public void recordKeysAreDeterministicTidsInTheFixedYear() {
    String key = RecordKeys.tid("job-1", 0);
    assertEquals(key, RecordKeys.tid("job-1", 0));
    assertTrue(RecordKeys.isTid(key));
    assertNotEquals(key, RecordKeys.tid("job-2", 0));
    Instant at = RecordKeys.timestamp(key);
    assertTrue(
        at.toString(),
        !at.isBefore(Instant.parse(RecordKeys.EPOCH_START))
            && at.isBefore(Instant.parse(RecordKeys.EPOCH_END)));
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String k = RecordKeys.tid("key-" + i, 0);
      assertTrue(k, RecordKeys.isTid(k));
      keys.add(k);
    }
    assertEquals(10_000, keys.size());
  }

  @Test
  public void threadPartsSortInOrder() {
    String previous = RecordKeys.tid("thread", 0);
    for (int part = 1; part < 20; part++) {
      String next = RecordKeys.tid("thread", part);
      assertTrue(previous.compareTo(next) < 0);
      assertEquals(1, micros(RecordKeys.timestamp(next)) - micros(RecordKeys.timestamp(previous)));
      previous = next;
    }
  }

  private static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
  }

  @Test
  public void atUrisOfRecords() {
    AtUri uri = AtUri.parse("at://did:plc:abc/app.bsky.feed.post/3kh3ojj4hdpjj");
    assertEquals("did:plc:abc", uri.repo());
    assertEquals("app.bsky.feed.post", uri.collection());
    assertEquals("3kh3ojj4hdpjj", uri.rkey());
    assertEquals("at://did:plc:abc/app.bsky.feed.post/3kh3ojj4hdpjj", uri.toString());
    assertEquals(null, AtUri.parse("at://alice.bsky.social/app.bsky.feed.post/3kh3ojj4hdpjj"));
    assertEquals(null, AtUri.parse("https://bsky.app/profile/x/post/y"));
  }

  @Test
  public void jwtExpiryIsReadWithoutTheSignature() {
    String payload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"exp\":1800000000}".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        Instant.ofEpochSecond(1_800_000_000L),
        BlueskyConnector.expiry("eyJhbGciOiJIUzI1NiJ9." + payload + ".sig"));
    assertEquals(null, BlueskyConnector.expiry("not-a-jwt"));
    assertEquals(null, BlueskyConnector.expiry("a.%%%.c"));
  }
}
