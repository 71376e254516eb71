package org.socialweave.connector.x.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.Interaction;
import org.socialweave.api.connector.InteractionQuery;
import org.socialweave.api.connector.PostQuery;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.connector.ReplyRequest;
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.XRequest;
import org.socialweave.sandbox.XSandbox;

/**
 * Every request the connector sends, in a run through all its operations, is checked against X's
 * API description ({@code x-api-v2-subset.openapi.json}, written from X's OpenAPI document; {@code
 * -Dx.openapi=<file>} checks against another copy, such as the whole document). The OAuth token
 * endpoint is not in X's document and is checked by the sandbox instead.
 */
public class XOpenApiConformanceTest {

  private static final Set<String> NOT_IN_XS_DOCUMENT = Set.of("/2/oauth2/token");

  private Sandbox sandbox;
  private XSandbox x;
  private OpenApiRequests spec;

  @Before
  public void setUp() throws IOException {
    sandbox = Sandbox.start(0);
    x = sandbox.x();
    String file = System.getProperty("x.openapi");
    try (InputStream in =
        file == null || file.isBlank()
            ? getClass().getResourceAsStream("/x-api-v2-subset.openapi.json")
            : new FileInputStream(file)) {
      spec = new OpenApiRequests(in);
    }
  }

  @After
  public void tearDown() {
    sandbox.close();
  }

  @Test
  public void everyRequestTheConnectorSendsFitsXsApiDescription() throws Exception {
    x.addClient(XConnectorTest.CLIENT, null, XConnectorTest.REDIRECT);
    String aliceId = x.addUser("alice");
    x.addUser("bob");
    XSandbox.Tokens bobTokens = x.issueTokens("bob", XConnectorTest.CLIENT, XConnectorTest.SCOPES);
    List<Duration> sleeps = new ArrayList<>();
    XConnector connector =
        new XConnector(
            new XConnector.Settings(
                x.apiBaseUrl(),
                x.authorizeUrl(),
                XConnectorTest.CLIENT,
                null,
                XConnectorTest.SCOPES,
                XConnectorTest.CONSUMER_SECRET),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Clock.systemUTC(),
            sleeps::add);

    x.consentAs("alice");
    ConnectedAccount account =
        connector.completeAuthorization(
            XConnectorTest.consent(connector, "s"),
            URI.create(XConnectorTest.REDIRECT),
            XConnectorTest.VERIFIER);
    ChannelContext alice = XConnectorTest.channel(aliceId, account.credentials());
    connector.verifyCredentials(alice);
    Instant start = Instant.now();
    x.setMediaProcessing(1, false);
    PublishResult thread =
        connector.publish(
            alice,
            PublishRequest.builder("t")
                .text("head & <b>")
                .link(URI.create("https://example.com/x?a=1&b=2"))
                .media(XConnectorTest.image("m1", XMediaUpload.CHUNK_BYTES + 10, "alt text"))
                .threadPart(
                    new PublishRequest.Part(
                        "part two", List.of(XConnectorTest.image("m2", 20, null))))
                .build());
    PublishResult other = connector.publish(alice, PublishRequest.text("o", "to delete"));
    connector.delete(alice, other.platformPostId());
    connector.fetchPost(alice, PostQuery.byId(thread.platformPostId()));
    connector.fetchPost(alice, PostQuery.byAttempt("t", "head & <b>", start));
    connector.fetchMetrics(alice, thread.platformPostId());
    connector.fetchMetrics(alice, null);
    ChannelContext bob =
        new ChannelContext(
            "ws",
            "ch-bob",
            account.accountId(),
            Credentials.ofToken(bobTokens.accessToken()),
            java.util.Map.of());
    Interaction target =
        new Interaction(
            Interaction.Kind.COMMENT,
            thread.platformPostId(),
            thread.platformPostId(),
            thread.platformPostId(),
            null,
            new Interaction.Author(aliceId, "alice", null),
            "",
            Instant.now());
    for (int i = 0; i < 3; i++) {
      connector.reply(bob, new ReplyRequest(target, "comment " + i, "c" + i));
    }
    var page =
        connector.fetchComments(
            alice,
            new InteractionQuery(
                thread.platformPostId(), Instant.now().minus(Duration.ofDays(30)), null, 2));
    connector.fetchComments(
        alice, new InteractionQuery(thread.platformPostId(), null, page.nextCursor(), 2));
    connector.fetchComments(alice, InteractionQuery.first(5));
    connector.reply(alice, new ReplyRequest(page.items().get(0), "thanks", "r"));
    connector.refreshCredentials(alice);

    List<String> violations = new ArrayList<>();
    Set<String> operations = new TreeSet<>();
    int outside = 0;
    for (XRequest request : x.requests()) {
      if (request.path().equals("/i/oauth2/authorize")) {
        continue; // the browser's visit in this test, not the connector's
      }
      if (NOT_IN_XS_DOCUMENT.contains(request.path())) {
        outside++;
        continue;
      }
      OpenApiRequests.Operation operation = spec.operation(request.method(), request.path());
      if (operation == null) {
        violations.add("not an operation of X's API: " + request);
        continue;
      }
      operations.add(operation.id());
      violations.addAll(spec.violations(operation, request));
    }
    assertEquals(List.of(), violations);
    assertEquals(2, outside);
    assertEquals(
        new TreeSet<>(
            Set.of(
                "getUsersMe",
                "createPosts",
                "deletePosts",
                "getPostsById",
                "getUsersPosts",
                "searchPostsRecent",
                "initializeMediaUpload",
                "appendMediaUpload",
                "finalizeMediaUpload",
                "getMediaUploadStatus",
                "createMediaMetadata")),
        operations);
    assertEquals(2, sleeps.size());
  }

  private List<String> check(String method, String path, String contentType, String body) {
    XRequest request =
        new XRequest(
            method,
            path.contains("?") ? path.substring(0, path.indexOf('?')) : path,
            path.contains("?") ? path.substring(path.indexOf('?') + 1) : null,
            contentType,
            body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    OpenApiRequests.Operation operation = spec.operation(request.method(), request.path());
    assertNotNull("no operation for " + request, operation);
    return spec.violations(operation, request);
  }

  /** The check is only worth something if it refuses what X would refuse. */
  @Test
  public void theCheckRefusesRequestsXWouldRefuse() {
    String json = "application/json";
    assertEquals(List.of(), check("POST", "/2/tweets", json, "{\"text\":\"hi\"}"));
    assertEquals(1, check("POST", "/2/tweets", json, "{\"status\":\"hi\"}").size());
    assertEquals(
        1,
        check(
                "POST",
                "/2/tweets",
                json,
                "{\"media\":{\"media_ids\":[\"1\",\"2\",\"3\",\"4\",\"5\"]}}")
            .size());
    assertEquals(
        1,
        check("POST", "/2/tweets", json, "{\"reply\":{\"in_reply_to_tweet_id\":\"x1\"}}").size());
    assertEquals(1, check("POST", "/2/tweets", json, "{\"reply\":{}}").size());
    assertEquals(1, check("POST", "/2/tweets", "text/plain", "text=hi").size());
    assertEquals(1, check("POST", "/2/tweets", null, null).size());
    assertEquals(1, check("GET", "/2/tweets/abc", null, null).size());
    assertEquals(1, check("GET", "/2/tweets/1?tweet.fields=created_at,likes", null, null).size());
    assertEquals(1, check("GET", "/2/tweets/1?post.fields=created_at", null, null).size());
    assertEquals(1, check("GET", "/2/users/1/tweets?max_results=101", null, null).size());
    assertEquals(1, check("GET", "/2/users/1/tweets?start_time=yesterday", null, null).size());
    assertEquals(1, check("GET", "/2/tweets/search/recent?max_results=10", null, null).size());
    assertEquals(
        List.of(), check("GET", "/2/tweets/search/recent?query=conversation_id%3A1", null, null));
    assertEquals(1, check("DELETE", "/2/tweets/1", json, "{}").size());
    assertEquals(
        1,
        check(
                "POST",
                "/2/media/upload/initialize",
                json,
                "{\"media_type\":\"image/heic\",\"total_bytes\":1}")
            .size());
    String form =
        "--b\r\nContent-Disposition: form-data; name=\"media\"\r\n\r\nxyz\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"segment_index\"\r\n\r\n1000\r\n--b--\r\n";
    assertEquals(
        1,
        check("POST", "/2/media/upload/1/append", "multipart/form-data; boundary=b", form).size());
    assertTrue(spec.operation("POST", "/2/oauth2/token") == null);
    assertNull(spec.operation("PUT", "/2/tweets/1"));
  }
}
