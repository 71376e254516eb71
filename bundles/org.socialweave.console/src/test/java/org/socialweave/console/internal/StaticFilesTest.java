package org.socialweave.console.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class StaticFilesTest {

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private StaticFiles files;

  @Before
  public void build() throws IOException {
    write("index.html", "<!doctype html><title>SocialWeave</title>");
    write("assets/index-abc123.js", "console.log('app')");
    write("assets/index-abc123.js.gz", "gzipped-bytes");
    write("favicon.svg", "<svg/>");
    Path root = folder.getRoot().toPath();
    files =
        new StaticFiles(
            path -> {
              Path file = root.resolve(path.substring(1));
              try {
                return Files.isRegularFile(file) ? file.toUri().toURL() : null;
              } catch (MalformedURLException e) {
                throw new AssertionError(e);
              }
            });
  }

  private void write(String name, String content) throws IOException {
    Path file = folder.getRoot().toPath().resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static String text(StaticFiles.Answer answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  @Test
  public void theRootAndClientRoutesAnswerTheIndexThatIsAlwaysRevalidated() {
    for (String path : new String[] {"/", "", "/login", "/w/demo/channels", "/w/demo/posts/01X"}) {
      StaticFiles.Answer answer = files.resolve(path, true).orElseThrow();
      assertTrue(path, text(answer).contains("<title>SocialWeave"));
      assertEquals("text/html; charset=utf-8", answer.contentType());
      assertEquals(StaticFiles.REVALIDATE, answer.cacheControl());
      assertFalse(answer.gzip());
    }
  }

  @Test
  public void hashedAssetsAreCachedForGoodAndSentPrecompressedWhenTheClientTakesGzip() {
    StaticFiles.Answer plain = files.resolve("/assets/index-abc123.js", false).orElseThrow();
    assertEquals("console.log('app')", text(plain));
    assertEquals("text/javascript; charset=utf-8", plain.contentType());
    assertEquals(StaticFiles.IMMUTABLE, plain.cacheControl());
    StaticFiles.Answer gzip = files.resolve("/assets/index-abc123.js", true).orElseThrow();
    assertTrue(gzip.gzip());
    assertEquals("gzipped-bytes", text(gzip));
    assertEquals("text/javascript; charset=utf-8", gzip.contentType());
    assertNotEquals("each encoding has its own ETag", plain.etag(), gzip.etag());
  }

  @Test
  public void aFileWithoutACompressedTwinIsSentAsItIs() {
    StaticFiles.Answer icon = files.resolve("/favicon.svg", true).orElseThrow();
    assertFalse(icon.gzip());
    assertEquals("image/svg+xml", icon.contentType());
    assertEquals(StaticFiles.REVALIDATE, icon.cacheControl());
  }

  @Test
  public void otherServletsPathsMissingFilesAndEscapesAreNotTheConsoles() {
    for (String path :
        new String[] {
          "/api/v2/anything",
          "/api",
          "/s/abc",
          "/system/console",
          "/assets/missing-123.js",
          "/assets/../index.html",
          "//etc/passwd",
          "/robots.txt"
        }) {
      assertTrue(path, files.resolve(path, true).isEmpty());
    }
  }

  @Test
  public void theIndexKeepsItsETagSoARevalidationIsANotModified() {
    String first = files.resolve("/", false).orElseThrow().etag();
    assertEquals(first, files.resolve("/channels", false).orElseThrow().etag());
    assertTrue(first.startsWith("\"") && first.endsWith("\""));
  }
}
