package org.socialweave.channels.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.socialweave.api.connector.AuthorizationRequest;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectFlow;
import org.socialweave.api.connector.ConnectMethod;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PostLookup;
import org.socialweave.api.connector.PostQuery;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.api.connector.WebhookRequest;
import org.socialweave.api.connector.WebhookVerdict;

/**
 * A test connector for an OAuth 2.0 PKCE network that rotates refresh tokens, as X does. It plays
 * the network's side of the grant honestly (the verifier must match the challenge, codes work once,
 * a used refresh token is refused with {@code invalid_grant}) and lets a test script the next
 * refresh answer, so the channel service's state machine can be driven through every branch.
 */
final class ScriptedOAuthConnector implements PlatformConnector {

  static final String NETWORK = "oauthnet";
  static final Duration ACCESS_LIFETIME = Duration.ofHours(2);

  /** What the next refresh does instead of a normal rotation. */
  enum Next {
    ROTATE,
    OMIT_REFRESH_TOKEN,
    INVALID_GRANT,
    UNREACHABLE
  }

  private final Clock clock;
  private final Deque<Next> script = new ArrayDeque<>();
  private final AtomicInteger issued = new AtomicInteger();

  /** Tokens of one instance never match another's: test classes share their database. */
  private final String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";

  private final Map<String, AtomicInteger> refreshCalls = new ConcurrentHashMap<>();
  private volatile String challenge;
  private volatile String validCode;
  private volatile String validRefreshToken;

  private final String network;
  private final ConnectMethod method;

  /**
   * @param method {@link ConnectMethod#OAUTH2_PKCE} (network {@value #NETWORK}) or {@link
   *     ConnectMethod#OAUTH2} (network {@code oauthnet-nopkce}, as Weibo)
   */
  ScriptedOAuthConnector(Clock clock, ConnectMethod method) {
    this.clock = clock;
    this.method = method;
    this.network = method == ConnectMethod.OAUTH2_PKCE ? NETWORK : NETWORK + "-nopkce";
  }

  void script(Next... next) {
    script.addAll(List.of(next));
  }

  /** The code the network hands the browser once the user consents. */
  String consent() {
    validCode = prefix + "code-" + issued.incrementAndGet();
    return validCode;
  }

  @Override
  public NetworkDescriptor descriptor() {
    return new NetworkDescriptor(
        network,
        "测试网络",
        "Test network",
        TextLimit.of(280, TextCounting.CODE_POINTS),
        null,
        MediaRules.NONE,
        List.of(),
        EnumSet.of(
            Operation.PUBLISH_TEXT, Operation.REFRESH_CREDENTIALS, Operation.VERIFY_WEBHOOK));
  }

  @Override
  public ConnectFlow connectFlow() {
    return ConnectFlow.redirect(method);
  }

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    challenge = request.codeChallenge();
    return URI.create(
        "https://oauth.example/authorize?state="
            + request.state()
            + "&code_challenge="
            + request.codeChallenge()
            + "&redirect_uri="
            + request.redirectUri());
  }

  @Override
  public ConnectedAccount completeAuthorization(String code, URI redirectUri, String codeVerifier) {
    boolean pkceHolds =
        method == ConnectMethod.OAUTH2_PKCE
            ? codeVerifier != null && ChannelServiceImpl.s256(codeVerifier).equals(challenge)
            : codeVerifier == null && challenge == null;
    if (!code.equals(validCode) || !pkceHolds) {
      throw ConnectorException.authRevoked(NETWORK, "invalid_grant", null);
    }
    validCode = null;
    return new ConnectedAccount("42", "@brand", issue(), Map.of("lang", "en"));
  }

  @Override
  public Credentials refreshCredentials(ChannelContext channel) {
    refreshCalls.computeIfAbsent(channel.channelId(), id -> new AtomicInteger()).incrementAndGet();
    Next next = script.isEmpty() ? Next.ROTATE : script.poll();
    if (next == Next.UNREACHABLE) {
      throw ConnectorException.transientFailure(NETWORK, "connect timed out", null);
    }
    String presented = channel.credentials().refreshToken();
    if (next == Next.INVALID_GRANT || !presented.equals(validRefreshToken)) {
      throw ConnectorException.authRevoked(NETWORK, "invalid_grant", null);
    }
    Credentials fresh = issue();
    if (next == Next.OMIT_REFRESH_TOKEN) {
      validRefreshToken = presented; // the network kept the old one valid
      return channel
          .credentials()
          .refreshed(fresh.accessToken(), fresh.accessExpiresAt(), null, null);
    }
    return fresh;
  }

  private Credentials issue() {
    int n = issued.incrementAndGet();
    validRefreshToken = prefix + "refresh-" + n;
    Instant now = clock.instant();
    return Credentials.oauth(
        prefix + "access-" + n,
        now.plus(ACCESS_LIFETIME),
        validRefreshToken,
        now.plus(Duration.ofDays(180)),
        Set.of("tweet.write"));
  }

  int refreshCalls(String channelId) {
    AtomicInteger calls = refreshCalls.get(channelId);
    return calls == null ? 0 : calls.get();
  }

  String validRefreshToken() {
    return validRefreshToken;
  }

  @Override
  public ConnectedAccount verifyCredentials(ChannelContext channel) {
    return new ConnectedAccount("42", "@brand", channel.credentials(), channel.settings());
  }

  /** Signed when {@code X-Signature} is {@code sig:} + the body; anything else is forged. */
  @Override
  public WebhookVerdict verifyWebhook(ChannelContext channel, WebhookRequest request) {
    byte[] body = request.body();
    String expected = "sig:" + new String(body, java.nio.charset.StandardCharsets.UTF_8);
    return expected.equals(request.header("X-Signature"))
        ? WebhookVerdict.accepted(body, "delivery-1", "ok")
        : WebhookVerdict.forged("bad signature");
  }

  @Override
  public PublishResult publish(ChannelContext channel, PublishRequest request) {
    throw new UnsupportedOperationException("publishing is not part of these tests");
  }

  @Override
  public PostLookup fetchPost(ChannelContext channel, PostQuery query) {
    return PostLookup.unknown("not part of these tests");
  }
}
