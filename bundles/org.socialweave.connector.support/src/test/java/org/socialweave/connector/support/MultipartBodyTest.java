package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.Test;
import org.socialweave.api.connector.MediaRef;

public class MultipartBodyTest {

  @Test
  public void writesFieldsAndStreamedFilesWithTheDeclaredLength() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    MediaRef media =
        new MediaRef(
            "m1", "image/png", png.length, 1, 1, null, null, () -> new ByteArrayInputStream(png));
    MultipartBody body = new MultipartBody().text("status", "你好 world").file("pic", "a.png", media);
    byte[] sent = drain(body);
    assertEquals(body.contentLength(), sent.length);
    assertEquals(body.contentLength(), body.publisher().contentLength());
    String boundary = body.contentType().substring(body.contentType().indexOf('=') + 1);
    String text = new String(sent, StandardCharsets.ISO_8859_1);
    assertTrue(
        text.startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"status\""));
    assertTrue(new String(sent, StandardCharsets.UTF_8).contains("\r\n\r\n你好 world\r\n"));
    assertTrue(
        text.contains("name=\"pic\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"));
    assertTrue(
        text.contains(
            new String(png, StandardCharsets.ISO_8859_1) + "\r\n--" + boundary + "--\r\n"));
    assertTrue(text.endsWith("--" + boundary + "--\r\n"));
  }

  @Test
  public void namesThatWouldForgeAPartAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MultipartBody().text("a\"b", "x"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MultipartBody()
                .file("f", "x\r\nContent-Type: text/html", "image/png", new byte[1]));
  }

  @Test
  public void eachBodyHasItsOwnBoundary() {
    assertTrue(!new MultipartBody().contentType().equals(new MultipartBody().contentType()));
  }

  private static byte[] drain(MultipartBody body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> done = new CompletableFuture<>();
    body.publisher()
        .subscribe(
            new Flow.Subscriber<ByteBuffer>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
              }

              @Override
              public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
              }

              @Override
              public void onComplete() {
                done.complete(null);
              }
            });
    done.get();
    return out.toByteArray();
  }
}
