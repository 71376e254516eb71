package org.socialweave.channels.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.channel.AuthorizationOutcome;
import org.socialweave.api.channel.AuthorizationStart;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.TokenHealth;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectMethod;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.WebhookRequest;
import org.socialweave.api.connector.WebhookVerdict;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.channels.internal.ScriptedOAuthConnector.Next;
import org.socialweave.connector.mastodon.internal.MastodonConnector;
import org.socialweave.core.internal.audit.AuditLogImpl;
import org.socialweave.core.internal.identity.WorkspaceServiceImpl;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestDatabase;
import org.socialweave.core.internal.vault.SecretVaultImpl;
import org.socialweave.sandbox.Sandbox;

/**
 * The channel service on a real database (H2, and PostgreSQL in the postgres profile) with the real
 * vault and audit log: Mastodon connects against the sandbox; OAuth and refresh run through {@link
 * ScriptedOAuthConnector}.
 */
public class ChannelServiceImplTest extends DatabaseTestBase {

  /** One node's key: the tests of the class share a database, as the channels of a node do. */
  private static final byte[] VAULT_KEY = new SecureRandom().generateSeed(32);

  private static Sandbox sandbox;
  private static URI mastodonInstance;
  private static TestDatabase emfDatabase;
  private static EntityManagerFactory emf;

  private MutableClock clock;
  private SecretVaultImpl vault;
  private AuditLogImpl audit;
  private ScriptedOAuthConnector oauth;
  private ScriptedOAuthConnector withoutPkce;
  private ChannelServiceImpl channels;
  private WebhookCounters webhooks;
  private Workspace ws;
  private String mastodonToken;

  @BeforeClass
  public static void startSandbox() throws Exception {
    sandbox = Sandbox.start(0);
    mastodonInstance = sandbox.mastodon().addInstance("social.example");
  }

  @AfterClass
  public static void stopSandbox() {
    sandbox.close();
    if (emf != null) {
      emf.close();
      emf = null;
    }
  }

  @Before
  public void setUp() {
    if (emfDatabase != testDb) {
      if (emf != null) {
        emf.close();
      }
      emf =
          Persistence.createEntityManagerFactory(
              "socialweave.channels",
              Map.of(
                  "javax.persistence.nonJtaDataSource",
                  testDb.dataSource(),
                  "eclipselink.logging.level",
                  "SEVERE"));
      emfDatabase = testDb;
    }
    clock = MutableClock.atNow();
    vault = new SecretVaultImpl(db(), VAULT_KEY, clock);
    audit = new AuditLogImpl(db(), clock);
    WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(db(), clock);
    ws = workspaces.create(unique("ch-"), "Channels", "Asia/Shanghai");
    oauth = new ScriptedOAuthConnector(clock, ConnectMethod.OAUTH2_PKCE);
    withoutPkce = new ScriptedOAuthConnector(clock, ConnectMethod.OAUTH2);
    webhooks = new WebhookCounters();
    ConnectorRegistry registry = new ConnectorRegistry();
    registry.add(new MastodonConnector());
    registry.add(oauth);
    registry.add(withoutPkce);
    channels =
        new ChannelServiceImpl(
            ChannelServiceImpl.migrated(testDb.dataSource(), emf),
            vault,
            audit,
            idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
            registry,
            webhooks,
            new ChannelServiceImpl.Settings(
                URI.create("https://sw.example"),
                Duration.ofMinutes(15),
                Duration.ofDays(7),
                Duration.ofMinutes(10)),
            clock);
    mastodonToken = unique("token-");
    sandbox.mastodon().addAccount("social.example", mastodonToken, unique("brand"));
  }

  private Map<String, String> mastodonFields() {
    return Map.of("instanceUrl", mastodonInstance.toString(), "accessToken", mastodonToken);
  }

  // ---- direct flows

  @Test
  public void aDirectConnectStoresTheAccountAndKeepsTheTokenInTheVaultOnly() {
    Channel channel = channels.connect(ws.id(), "mastodon", mastodonFields());
    assertEquals("mastodon", channel.network());
    // The connector names the account @user@host; the sandbox's instance host is 127.0.0.1.
    assertTrue(channel.displayName(), channel.displayName().matches("@brand\\w+@127\\.0\\.0\\.1"));
    assertEquals(TokenHealth.State.HEALTHY, channel.health().state());
    assertEquals(mastodonInstance.toString(), channel.settings().get("instanceUrl"));
    assertFalse(channel.toString().contains(mastodonToken));
    String stored =
        (String)
            testDb.value(
                "SELECT ciphertext FROM sw_secret WHERE workspace_id = ? AND name = ?",
                ws.id(),
                ChannelServiceImpl.credentialsName(channel.id()));
    assertFalse("the vault encrypts", stored.contains(mastodonToken));
    assertEquals(
        mastodonToken, channels.context(ws.id(), channel.id()).credentials().accessToken());
    assertEquals(List.of(channel), channels.list(ws.id(), PageRequest.of(10, null)).items());
    assertEquals(
        "a workspace's slug names it too",
        List.of(channel),
        channels.list(ws.slug(), PageRequest.of(10, null)).items());
  }

  @Test
  public void connectingTheSameAccountAgainUpdatesTheChannel() {
    Channel first = channels.connect(ws.id(), "mastodon", mastodonFields());
    Channel again = channels.connect(ws.id(), "mastodon", mastodonFields());
    assertEquals(first.id(), again.id());
    assertEquals(1, channels.list(ws.id(), PageRequest.of(10, null)).items().size());
    assertEquals(again, channels.reconnect(ws.id(), first.id(), mastodonFields()));
  }

  @Test
  public void aRefusedTokenConnectsNothing() {
    ConnectorException e =
        assertThrows(
            ConnectorException.class,
            () ->
                channels.connect(
                    ws.id(),
                    "mastodon",
                    Map.of("instanceUrl", mastodonInstance.toString(), "accessToken", "wrong")));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    assertTrue(channels.list(ws.id(), PageRequest.of(10, null)).items().isEmpty());
    assertTrue(vault.list(ws.id()).isEmpty());
  }

  @Test
  public void badFieldsAndUnknownNetworksAreClearErrors() {
    ValidationException unknownField =
        assertThrows(
            ValidationException.class,
            () -> channels.connect(ws.id(), "mastodon", Map.of("password", "x")));
    assertEquals("fields.password", unknownField.field());
    assertThrows(
        ValidationException.class,
        () -> channels.connect(ws.id(), "mastodon", Map.of("accessToken", "only")));
    assertThrows(
        NotFoundException.class, () -> channels.connect(ws.id(), "myspace", Map.of("a", "b")));
    assertThrows(
        NotFoundException.class, () -> channels.connect("nowhere", "mastodon", mastodonFields()));
    ValidationException redirect =
        assertThrows(
            ValidationException.class,
            () -> channels.connect(ws.id(), ScriptedOAuthConnector.NETWORK, Map.of()));
    assertTrue(redirect.getMessage().contains("authorizations"));
  }

  @Test
  public void testRecordsARevokedTokenAsNeedsReconnect() {
    Channel channel = channels.connect(ws.id(), "mastodon", mastodonFields());
    sandbox.mastodon().revoke(mastodonToken);
    Channel tested = channels.test(ws.id(), channel.id());
    assertEquals(TokenHealth.State.NEEDS_RECONNECT, tested.health().state());
    assertTrue(tested.health().detail(), tested.health().detail().startsWith("AUTH_REVOKED 401"));
    ConnectorException e =
        assertThrows(ConnectorException.class, () -> channels.context(ws.id(), channel.id()));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
  }

  @Test
  public void disconnectRemovesTheCredentialsAndIsIdempotent() {
    Channel channel = channels.connect(ws.id(), "mastodon", mastodonFields());
    Workspace other =
        new WorkspaceServiceImpl(db(), clock).create(unique("other-"), "Other", "UTC");
    channels.disconnect(other.id(), channel.id());
    assertThrows(NotFoundException.class, () -> channels.get(other.id(), channel.id()));
    assertNotNull(channels.get(ws.id(), channel.id()));
    channels.disconnect(ws.id(), channel.id());
    channels.disconnect(ws.id(), channel.id());
    assertThrows(NotFoundException.class, () -> channels.get(ws.id(), channel.id()));
    assertTrue(vault.list(ws.id()).isEmpty());
  }

  // ---- OAuth

  private Channel connectThroughOAuth() {
    AuthorizationStart start =
        channels.beginAuthorization(
            ws.id(), ScriptedOAuthConnector.NETWORK, null, "user-1", "/channels");
    AuthorizationOutcome outcome =
        channels.completeAuthorization(
            ScriptedOAuthConnector.NETWORK, start.state(), oauth.consent(), null);
    assertNull(outcome.error(), outcome.error());
    return outcome.channel();
  }

  @Test
  public void anOAuthConnectChecksPkceAndUsesItsStateOnce() {
    AuthorizationStart start =
        channels.beginAuthorization(
            ws.id(), ScriptedOAuthConnector.NETWORK, null, "user-1", "/channels?tab=x");
    assertTrue(start.authorizationUrl().toString().contains("state=" + start.state()));
    assertTrue(
        start
            .authorizationUrl()
            .toString()
            .contains("redirect_uri=https://sw.example/api/v1/oauth/oauthnet/callback"));
    assertEquals(clock.instant().plus(Duration.ofMinutes(10)), start.expiresAt());
    String code = oauth.consent();
    AuthorizationOutcome outcome =
        channels.completeAuthorization(ScriptedOAuthConnector.NETWORK, start.state(), code, null);
    assertNull(outcome.error());
    assertEquals("/channels?tab=x", outcome.returnTo());
    assertEquals("@brand", outcome.channel().displayName());
    assertEquals(TokenHealth.State.HEALTHY, outcome.channel().health().state());

    AuthorizationOutcome replay =
        channels.completeAuthorization(ScriptedOAuthConnector.NETWORK, start.state(), code, null);
    assertNull(replay.channel());
    assertTrue(replay.error().contains("already used"));
    assertTrue("the verifier left the vault", vault.list(ws.id()).size() == 1);
    List<AuditEntry> trail = audit.tail(ws.id(), 5);
    assertEquals("channel.authorize", trail.get(trail.size() - 1).event().action());
    assertEquals("success", trail.get(trail.size() - 1).event().outcome());
  }

  @Test
  public void anOAuthConnectWithoutPkceSendsNoChallengeAndNoVerifier() {
    String network = withoutPkce.descriptor().id();
    AuthorizationStart start = channels.beginAuthorization(ws.id(), network, null, "u", null);
    assertTrue(start.authorizationUrl().toString().contains("code_challenge=null"));
    AuthorizationOutcome outcome =
        channels.completeAuthorization(network, start.state(), withoutPkce.consent(), null);
    assertNull(outcome.error(), outcome.error());
    assertEquals(network, outcome.channel().network());
  }

  @Test
  public void declinedExpiredAndForgedCallbacksConnectNothing() {
    AuthorizationStart declined =
        channels.beginAuthorization(ws.id(), ScriptedOAuthConnector.NETWORK, null, "u", null);
    AuthorizationOutcome outcome =
        channels.completeAuthorization(
            ScriptedOAuthConnector.NETWORK, declined.state(), null, "access_denied");
    assertEquals("/", outcome.returnTo());
    assertEquals("the network reported: access_denied", outcome.error());

    AuthorizationStart late =
        channels.beginAuthorization(ws.id(), ScriptedOAuthConnector.NETWORK, null, "u", null);
    clock.advance(Duration.ofMinutes(11));
    assertTrue(
        channels
            .completeAuthorization(
                ScriptedOAuthConnector.NETWORK, late.state(), oauth.consent(), null)
            .error()
            .contains("too long"));

    AuthorizationStart forged =
        channels.beginAuthorization(ws.id(), ScriptedOAuthConnector.NETWORK, null, "u", null);
    assertTrue(
        channels
            .completeAuthorization(
                ScriptedOAuthConnector.NETWORK, forged.state(), "not-the-code", null)
            .error()
            .contains("invalid_grant"));
    assertNull(
        channels
            .completeAuthorization(ScriptedOAuthConnector.NETWORK, "guessed", "c", null)
            .channel());
    assertTrue(channels.list(ws.id(), PageRequest.of(10, null)).items().isEmpty());
    assertTrue("no verifier is left behind", vault.list(ws.id()).isEmpty());
  }

  @Test
  public void returnPathsAreOnlyPathsOfThisSite() {
    for (String evil :
        List.of("https://evil.example/", "//evil.example", "/\\evil.example", "channels")) {
      assertThrows(
          evil,
          ValidationException.class,
          () ->
              channels.beginAuthorization(
                  ws.id(), ScriptedOAuthConnector.NETWORK, null, "u", evil));
    }
    assertThrows(
        ValidationException.class,
        () -> channels.beginAuthorization(ws.id(), "mastodon", null, "u", "/"));
  }

  // ---- refresh and health

  @Test
  public void refreshStoresTheRotatedTokenBeforeItIsUsed() {
    Channel channel = connectThroughOAuth();
    Credentials before = channels.context(ws.id(), channel.id()).credentials();
    clock.advance(Duration.ofMinutes(110)); // within the 15-minute margin of the 2-hour token
    ChannelContext context = channels.context(ws.id(), channel.id());
    assertEquals(1, oauth.refreshCalls(channel.id()));
    assertEquals(oauth.validRefreshToken(), context.credentials().refreshToken());
    assertFalse(before.refreshToken().equals(context.credentials().refreshToken()));
    channels.context(ws.id(), channel.id());
    assertEquals("fresh tokens are not refreshed again", 1, oauth.refreshCalls(channel.id()));
  }

  @Test
  public void aRefreshWithoutARefreshTokenKeepsTheGoodOne() {
    Channel channel = connectThroughOAuth();
    String refreshToken = channels.context(ws.id(), channel.id()).credentials().refreshToken();
    oauth.script(Next.OMIT_REFRESH_TOKEN);
    channels.refresh(ws.id(), channel.id());
    Credentials after = channels.context(ws.id(), channel.id()).credentials();
    assertEquals(refreshToken, after.refreshToken());
    assertEquals(
        ChannelServiceImpl.keepRefreshToken(
                after, Credentials.oauth("a", null, null, null, java.util.Set.of()))
            .refreshToken(),
        refreshToken);
  }

  @Test
  public void invalidGrantNeedsAReconnectButATransientFailureDoesNot() {
    Channel channel = connectThroughOAuth();
    Credentials kept = channels.context(ws.id(), channel.id()).credentials();
    oauth.script(Next.UNREACHABLE);
    Channel afterTimeout = channels.refresh(ws.id(), channel.id());
    assertEquals(TokenHealth.State.HEALTHY, afterTimeout.health().state());
    assertTrue(afterTimeout.health().detail().contains("will be retried"));
    assertEquals(kept, channels.context(ws.id(), channel.id()).credentials());

    oauth.script(Next.INVALID_GRANT);
    Channel revoked = channels.refresh(ws.id(), channel.id());
    assertEquals(TokenHealth.State.NEEDS_RECONNECT, revoked.health().state());
    assertEquals("AUTH_REVOKED invalid_grant", revoked.health().detail());
    assertEquals(
        "the credentials are kept for support, not overwritten",
        kept.refreshToken(),
        ChannelServiceImpl.keepRefreshToken(kept, kept).refreshToken());
  }

  @Test
  public void theRefresherTakesOnlyDueChannelsAndEachOnce() throws Exception {
    Channel channel = connectThroughOAuth();
    channels.connect(ws.id(), "mastodon", mastodonFields()); // not refreshable
    assertEquals(0, channels.refreshDue(10));
    clock.advance(Duration.ofMinutes(106));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> pass = () -> channels.refreshDue(10);
      Future<Integer> a = pool.submit(pass);
      Future<Integer> b = pool.submit(pass);
      assertTrue(a.get() + b.get() >= 1);
    } finally {
      pool.shutdownNow();
    }
    assertEquals("the lease lets one node refresh", 1, oauth.refreshCalls(channel.id()));
    assertEquals(TokenHealth.State.HEALTHY, channels.get(ws.id(), channel.id()).health().state());
  }

  @Test
  public void webhooksAreVerifiedCountedAndDeliveredToListeners() {
    Channel channel = connectThroughOAuth();
    List<Event> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    channels.eventAdmin =
        new EventAdmin() {
          @Override
          public void postEvent(Event event) {
            delivered.add(event);
          }

          @Override
          public void sendEvent(Event event) {
            delivered.add(event);
          }
        };
    byte[] body = "{\"event\":\"comment\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    WebhookRequest signed =
        WebhookRequest.of(
            Map.of("X-Signature", "sig:{\"event\":\"comment\"}"), body, Map.of(), clock.instant());
    WebhookVerdict verdict =
        channels.receiveWebhook(ScriptedOAuthConnector.NETWORK, channel.id(), signed);
    assertEquals(WebhookVerdict.Outcome.ACCEPTED, verdict.outcome());
    assertEquals(1, delivered.size());
    assertEquals(ChannelServiceImpl.WEBHOOK_TOPIC, delivered.get(0).getTopic());
    assertEquals(channel.id(), delivered.get(0).getProperty("channelId"));
    assertEquals("delivery-1", delivered.get(0).getProperty("deliveryId"));

    WebhookRequest forged =
        WebhookRequest.of(Map.of("X-Signature", "sig:other"), body, Map.of(), clock.instant());
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        channels.receiveWebhook(ScriptedOAuthConnector.NETWORK, channel.id(), forged).outcome());
    assertEquals(
        "a channel of another network",
        WebhookVerdict.Outcome.MALFORMED,
        channels.receiveWebhook("mastodon", channel.id(), signed).outcome());
    assertEquals(
        WebhookVerdict.Outcome.MALFORMED,
        channels.receiveWebhook(ScriptedOAuthConnector.NETWORK, "nope", signed).outcome());
    assertEquals(1, delivered.size());
    assertEquals(1, webhooks.total(ScriptedOAuthConnector.NETWORK, WebhookVerdict.Outcome.FORGED));
    assertTrue(webhooks.check().detail(), webhooks.check().detail().contains("oauthnet FORGED=1"));
  }

  @Test
  public void healthWarnsBeforeTheAuthorizationEnds() {
    Channel channel = connectThroughOAuth();
    clock.advance(Duration.ofDays(175));
    TokenHealth health = channels.get(ws.id(), channel.id()).health();
    assertEquals(TokenHealth.State.EXPIRING, health.state());
    assertEquals(Long.valueOf(5), health.expiresInDays());
    clock.advance(Duration.ofDays(6));
    assertEquals(
        TokenHealth.State.NEEDS_RECONNECT, channels.get(ws.id(), channel.id()).health().state());
  }
}
