package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.helper.SimpleMessageListenerAdapter;
import org.subethamail.smtp.server.SMTPServer;

/**
 * On one demo node: a client without an account, named in the campaign policy's stage, gets a
 * signed review link by e-mail when the stage opens (an SMTP server in this JVM receives it) and
 * approves a campaign's post through it, the post is published through the sandbox, the signed
 * webhook delivery reaches a receiver in this JVM with an HMAC and timestamp that verify, and the
 * compliance trail holds the checks at approval, the client's decision and the publication, each
 * linked to its audit entry, and verifies.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReviewAndWebhooksIT extends ItestSupport {

  static final int SANDBOX_PORT = Integer.getInteger("socialweave.itest.sandboxPort", freePort());
  static final int SMTP_PORT = Integer.getInteger("socialweave.itest.smtpPort", freePort());
  private static final Pattern REVIEW_LINK =
      Pattern.compile("http://127\\.0\\.0\\.1:\\d+/api/v1/review/(\\S+)");

  @Configuration
  public Option[] config() {
    List<Option> options = baseOptions();
    options.add(editConfigurationFilePut("etc/org.socialweave.bootstrap.cfg", "demoData", "true"));
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.sandbox.cfg", "port", Integer.toString(SANDBOX_PORT)));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.channels.cfg", "publicBaseUrl", url("")));
    // The receiver listens on loopback, which production refuses (SSRF).
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.webhooks.cfg", "allowPrivateAddresses", "true"));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.webhooks.cfg", "pollIntervalMillis", "200"));
    // E-mail to the SMTP server of this test (plain SMTP on loopback).
    String mail = "etc/org.socialweave.notify.mail.cfg";
    options.add(editConfigurationFilePut(mail, "host", "127.0.0.1"));
    options.add(editConfigurationFilePut(mail, "port", Integer.toString(SMTP_PORT)));
    // The test runs in the container: it listens where the node sends.
    options.add(systemProperty("socialweave.itest.smtpPort").value(Integer.toString(SMTP_PORT)));
    options.add(editConfigurationFilePut(mail, "startTls", "false"));
    options.add(editConfigurationFilePut(mail, "startTlsRequired", "false"));
    options.add(editConfigurationFilePut(mail, "username", ""));
    options.add(editConfigurationFilePut(mail, "from", "SocialWeave <noreply@sw.example>"));
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.approval.cfg", "reviewLinkUrl", url("/api/v1/review/{token}")));
    // The SMTP server (SubethaSMTP, unpacked into the probe) parses addresses with javax.mail.
    options.add(mavenBundle("com.sun.mail", "javax.mail", "1.6.2"));
    return options.toArray(new Option[0]);
  }

  /** A request as the receiver got it. */
  record Received(Map<String, List<String>> headers, byte[] body, Instant at) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> mails = new CopyOnWriteArrayList<>();
  private HttpServer receiver;
  private SMTPServer smtp;
  private Credentials admin;

  @Before
  public void setUp() throws Exception {
    awaitReady();
    admin = login("admin", ADMIN_PASSWORD);
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              new Received(
                  Map.copyOf(exchange.getRequestHeaders()),
                  exchange.getRequestBody().readAllBytes(),
                  Instant.now()));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    smtp =
        new SMTPServer(
            new SimpleMessageListenerAdapter(
                new SimpleMessageListener() {
                  @Override
                  public boolean accept(String from, String recipient) {
                    return true;
                  }

                  @Override
                  public void deliver(String from, String recipient, InputStream data)
                      throws IOException {
                    mails.add(recipient + "\n" + text(data));
                  }
                }));
    smtp.setBindAddress(InetAddress.getLoopbackAddress());
    smtp.setPort(SMTP_PORT);
    smtp.start();
  }

  /** The decoded text of a single-part message (the notifier sends text/plain). */
  private static String text(InputStream data) throws IOException {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), data);
      return message.getSubject()
          + "\n"
          + new String(
              MimeUtility.decode(message.getRawInputStream(), message.getEncoding()).readAllBytes(),
              StandardCharsets.UTF_8);
    } catch (MessagingException e) {
      throw new IOException(e);
    }
  }

  @After
  public void stopReceiver() {
    receiver.stop(0);
    smtp.stop();
  }

  private String telegramChannel() {
    String[] id = new String[1];
    await(
        "the demo Telegram channel",
        Duration.ofSeconds(90),
        () -> {
          for (JsonNode c :
              getSettled("/api/v1/workspaces/demo/channels", admin).json().path("items")) {
            if (c.path("network").asText().equals("telegram")) {
              id[0] = c.path("id").asText();
            }
          }
          return id[0] != null;
        });
    return id[0];
  }

  /** The first delivery of an event type the receiver got. */
  private Optional<Received> event(String type) {
    return received.stream().filter(r -> type.equals(r.header("SocialWeave-Event"))).findFirst();
  }

  private static String unique() {
    return Long.toString(System.nanoTime(), 36);
  }

  @Test
  public void aClientApprovesThroughItsLinkAndTheWebhookGetsTheSignedPublication()
      throws Exception {
    String channel = telegramChannel();
    Reply hook =
        json(
            "POST",
            "/api/v1/workspaces/demo/webhooks",
            admin,
            "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort()
                + "/hook\",\"eventTypes\":[\"scheduled\",\"published\"]}");
    assertEquals(hook.toString(), 201, hook.status());
    String secret = hook.json().path("secret").asText();

    // A campaign whose posts a client approves, while the workspace itself has approval off.
    Reply campaign =
        json(
            "POST",
            "/api/v1/workspaces/demo/campaigns",
            admin,
            "{\"name\":\"Client review "
                + unique()
                + "\",\"objective\":\"Launch\",\"kpi\":\"ENGAGEMENT_RATE\","
                + "\"targetValue\":4.5,\"deadline\":\"2030-01-31\"}");
    assertEquals(campaign.toString(), 201, campaign.status());
    String campaignId = campaign.json().path("id").asText();
    String policyPath = "/api/v1/workspaces/demo/campaigns/" + campaignId + "/approval-policy";
    Reply inherited = get(policyPath, admin);
    assertEquals(inherited.toString(), 200, inherited.status());
    Reply policy =
        json(
            "PUT",
            policyPath,
            admin,
            "{\"enabled\":true,\"stages\":[{\"name\":\"Client 客户\",\"role\":\"APPROVER\","
                + "\"rule\":\"ANY\",\"slaHours\":24,\"reviewers\":[{\"email\":"
                + "\"li@client.example\",\"name\":\"Li Na 李娜\"}]}]}",
            "If-Match",
            "\"0\"");
    assertEquals(policy.toString(), 200, policy.status());

    Reply post =
        json(
            "POST",
            "/api/v1/workspaces/demo/posts",
            admin,
            "{\"text\":\"Spring drop 春季上新 "
                + unique()
                + "\",\"campaignId\":\""
                + campaignId
                + "\",\"channelIds\":[\""
                + channel
                + "\"]}");
    assertEquals(post.toString(), 201, post.status());
    String postId = post.json().path("id").asText();
    String publish = "/api/v1/workspaces/demo/posts/" + postId + "/publish";
    assertEquals("not approved yet", 409, json("POST", publish, admin, "").status());
    Reply submitted =
        json("POST", "/api/v1/workspaces/demo/posts/" + postId + "/submit", admin, "");
    assertEquals(submitted.toString(), 201, submitted.status());
    String requestId = submitted.json().path("id").asText();

    // The stage names the client: opening it sent the link, nobody issued one by hand.
    await(
        "the review link e-mailed to the client",
        Duration.ofSeconds(30),
        () -> mails.stream().anyMatch(m -> m.startsWith("li@client.example\n")));
    String mail =
        mails.stream().filter(m -> m.startsWith("li@client.example\n")).findFirst().orElseThrow();
    assertTrue(mail, mail.contains("Client 客户"));
    Matcher linked = REVIEW_LINK.matcher(mail);
    assertTrue(mail, linked.find());
    // The client follows the link in the e-mail.
    String token = linked.group(1);
    JsonNode link =
        get("/api/v1/workspaces/demo/approvals/" + requestId + "/review-links", admin)
            .json()
            .path("items")
            .get(0);
    assertEquals("policy", link.path("createdBy").asText());
    assertEquals(link.path("id").asText(), token.substring(0, token.indexOf('.')));
    assertTrue(link.toString(), link.hasNonNull("emailedAt"));

    // The client has no account: no cookie, no token.
    Reply review = get("/api/v1/review/" + token, Credentials.NONE);
    assertEquals(review.toString(), 200, review.status());
    assertEquals(channel, review.json().path("variants").get(0).path("channelId").asText());
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
    Reply forged = get("/api/v1/review/" + tampered, Credentials.NONE);
    assertEquals(forged.toString(), 403, forged.status());
    assertTrue(forged.header("Content-Type").startsWith("application/problem+json"));
    Reply verdict =
        json(
            "POST",
            "/api/v1/review/" + token + "/verdict",
            Credentials.NONE,
            "{\"verdict\":\"APPROVE\",\"comment\":\"好的 fine\"}");
    assertEquals(verdict.toString(), 200, verdict.status());
    assertEquals("APPROVED", verdict.json().path("status").asText());
    Reply again =
        json(
            "POST",
            "/api/v1/review/" + token + "/verdict",
            Credentials.NONE,
            "{\"verdict\":\"APPROVE\"}");
    assertEquals(again.toString(), 409, again.status());
    JsonNode trail = get("/api/v1/workspaces/demo/approvals/" + requestId, admin).json();
    assertEquals(
        "Li Na 李娜 <li@client.example>", trail.path("decisions").get(0).path("username").asText());

    Reply published = json("POST", publish, admin, "");
    assertEquals(published.toString(), 200, published.status());
    String deliveries =
        "/api/v1/workspaces/demo/webhooks/"
            + hook.json().path("webhook").path("id").asText()
            + "/deliveries";
    try {
      await(
          "the signed deliveries",
          Duration.ofSeconds(60),
          () -> event("post.scheduled").isPresent() && event("post.published").isPresent());
    } catch (AssertionError timedOut) {
      // Pax Exam reports the root cause only: the state goes into a message of its own.
      throw new AssertionError(
          timedOut.getMessage()
              + "; post: "
              + get("/api/v1/workspaces/demo/posts/" + postId, admin).body()
              + "; deliveries: "
              + get(deliveries, admin).body());
    }
    assertEquals(
        postId,
        JSON.readTree(event("post.scheduled").orElseThrow().body())
            .path("data")
            .path("postId")
            .asText());
    Received got = event("post.published").orElseThrow();
    String signature = got.header("SocialWeave-Signature");
    long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
    assertTrue(
        "the timestamp is the time of sending", Math.abs(got.at().getEpochSecond() - t) <= 5);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    String expected = HexFormat.of().formatHex(mac.doFinal(got.body()));
    assertEquals(expected, signature.substring(signature.indexOf("v1=") + 3));
    JsonNode body = JSON.readTree(got.body());
    assertEquals(postId, body.path("data").path("postId").asText());

    // The trail: the checks again at the client's approval, the decision and the publication,
    // each about revision 1 and linked to its audit entry; and it verifies.
    String trailPath = "/api/v1/workspaces/demo/trail?postId=" + postId;
    JsonNode[] items = new JsonNode[1];
    await(
        "the publication in the trail",
        Duration.ofSeconds(30),
        () -> {
          items[0] = get(trailPath, admin).json().path("items");
          return kinds(items[0], "publication") > 0;
        });
    JsonNode approvalCheck = first(items[0], "check", "approval");
    assertEquals("external:li@client.example", approvalCheck.path("actor").asText());
    JsonNode decision = first(items[0], "approval", "stage 0");
    assertEquals("APPROVE", decision.path("outcome").asText());
    JsonNode publication = first(items[0], "publication", null);
    assertEquals("published", publication.path("outcome").asText());
    for (JsonNode linkedEntry : List.of(approvalCheck, decision, publication)) {
      assertEquals(linkedEntry.toString(), 1, linkedEntry.path("revision").asInt());
      assertEquals(linkedEntry.toString(), 64, linkedEntry.path("digest").asText().length());
      assertTrue(linkedEntry.toString(), linkedEntry.path("auditSequence").asLong() > 0);
    }
    Reply verified = get("/api/v1/workspaces/demo/trail/verify?postId=" + postId, admin);
    assertEquals(verified.toString(), 200, verified.status());
    JsonNode v = verified.json();
    assertTrue(verified.toString(), v.path("intact").asBoolean());
    assertEquals(verified.toString(), 1, v.path("decisions").asInt());
    assertEquals(verified.toString(), 1, v.path("intactDecisions").asInt());
    assertEquals(verified.toString(), 1, v.path("intactPublications").asInt());
    assertEquals(verified.toString(), v.path("checkRuns").asInt(), v.path("intactRuns").asInt());
  }

  private static long kinds(JsonNode items, String kind) {
    long n = 0;
    for (JsonNode e : items) {
      if (e.path("kind").asText().equals(kind)) {
        n++;
      }
    }
    return n;
  }

  /** The first entry of a kind (and a stage, unless {@code null}). */
  private static JsonNode first(JsonNode items, String kind, String stage) {
    for (JsonNode e : items) {
      if (e.path("kind").asText().equals(kind)
          && (stage == null || e.path("stage").asText().equals(stage))) {
        return e;
      }
    }
    throw new AssertionError("no " + kind + " " + stage + " in " + items);
  }
}
