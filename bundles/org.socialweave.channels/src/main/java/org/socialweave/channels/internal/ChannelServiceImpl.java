package org.socialweave.channels.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.channel.AuthorizationOutcome;
import org.socialweave.api.channel.AuthorizationStart;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.channel.Network;
import org.socialweave.api.channel.TokenHealth;
import org.socialweave.api.connector.AuthorizationRequest;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectField;
import org.socialweave.api.connector.ConnectMethod;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.WebhookRequest;
import org.socialweave.api.connector.WebhookVerdict;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.vault.SecretVault;
import org.socialweave.channels.internal.persistence.AuthorizationEntity;
import org.socialweave.channels.internal.persistence.ChannelEntity;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.Paging;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Channels over the {@code socialweave.channels} unit and the core vault. Credentials are stored
 * before they are used: networks that rotate refresh tokens (X, Bluesky) invalidate the old one, so
 * losing the new one would lose the channel. Refreshes take a lease on the channel's row, so two
 * nodes never refresh the same channel at once.
 */
@Component(
    service = {ChannelService.class, ChannelServiceImpl.class},
    configurationPid = "org.socialweave.channels")
@Designate(ocd = ChannelsConfig.class)
public class ChannelServiceImpl implements ChannelService {

  /** The EventAdmin topic of accepted webhooks; the inbox and publishing pipeline listen. */
  public static final String WEBHOOK_TOPIC = "org/socialweave/channels/WEBHOOK";

  static final String UNIT_FILTER = "(osgi.unit.name=socialweave.channels)";
  static final String DATASOURCE_FILTER = "(osgi.jndi.service.name=socialweave)";
  static final int MAX_FIELD_LENGTH = 4000;

  /** Longer than any connector's timeouts: a node that died mid-refresh frees it after this. */
  static final Duration REFRESH_LEASE = Duration.ofMinutes(2);

  private static final Duration LEASE_POLL = Duration.ofMillis(100);
  private static final Logger LOG = LoggerFactory.getLogger(ChannelServiceImpl.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** The timing knobs of {@link ChannelsConfig}, as durations. */
  record Settings(
      URI publicBaseUrl, Duration refreshMargin, Duration expiryWarning, Duration authorization) {

    static Settings of(ChannelsConfig config) {
      String base = config.publicBaseUrl().strip();
      return new Settings(
          URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
          Duration.ofMinutes(config.refreshMarginMinutes()),
          Duration.ofDays(config.expiryWarningDays()),
          Duration.ofMinutes(config.authorizationMinutes()));
    }
  }

  private final UnitOfWork db;
  private final SecretVault vault;
  private final AuditLog audit;
  private final Function<String, Optional<String>> workspaceIds;
  private final ConnectorRegistry connectors;
  private final Settings settings;
  private final Clock clock;
  private final WebhookCounters webhooks;

  /** Optional: without it (plain unit tests) accepted webhooks are counted but not delivered. */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile EventAdmin eventAdmin;

  @Activate
  public ChannelServiceImpl(
      @Reference(target = DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf,
      @Reference SecretVault vault,
      @Reference AuditLog audit,
      @Reference WorkspaceService workspaces,
      @Reference ConnectorRegistry connectors,
      @Reference WebhookCounters webhooks,
      ChannelsConfig config) {
    this(
        migrated(dataSource, emf),
        vault,
        audit,
        idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
        connectors,
        webhooks,
        Settings.of(config),
        Clock.systemUTC());
  }

  ChannelServiceImpl(
      UnitOfWork db,
      SecretVault vault,
      AuditLog audit,
      Function<String, Optional<String>> workspaceIds,
      ConnectorRegistry connectors,
      WebhookCounters webhooks,
      Settings settings,
      Clock clock) {
    this.db = db;
    this.vault = vault;
    this.audit = audit;
    this.workspaceIds = workspaceIds;
    this.connectors = connectors;
    this.webhooks = webhooks;
    this.settings = settings;
    this.clock = clock;
  }

  static UnitOfWork migrated(DataSource dataSource, EntityManagerFactory emf) {
    Migrations.apply(dataSource, ChannelServiceImpl.class.getClassLoader(), "channels");
    return new UnitOfWork(emf);
  }

  // ---- queries

  @Override
  public List<Network> networks() {
    return connectors.all().stream()
        .map(c -> new Network(c.descriptor(), c.connectFlow()))
        .toList();
  }

  @Override
  public Page<Channel> list(String workspace, PageRequest page) {
    String workspaceId = workspaceId(workspace);
    return db.read(
        em ->
            Paging.page(
                em.createQuery(
                        "SELECT c FROM ChannelEntity c WHERE c.workspaceId = :ws AND c.id > :after"
                            + " ORDER BY c.id",
                        ChannelEntity.class)
                    .setParameter("ws", workspaceId),
                page,
                c -> c.id,
                this::toChannel));
  }

  @Override
  public Channel get(String workspace, String channelId) {
    String workspaceId = workspaceId(workspace);
    return toChannel(db.read(em -> find(em, workspaceId, channelId)));
  }

  // ---- connecting

  @Override
  public Channel connect(String workspace, String network, Map<String, String> fields) {
    String workspaceId = workspaceId(workspace);
    PlatformConnector connector = directConnector(network);
    ConnectedAccount account = connectDirect(connector, fields);
    return save(workspaceId, connector, account, null);
  }

  /** Connects again through a direct flow; the network must name the same account. */
  public Channel reconnect(String workspace, String channelId, Map<String, String> fields) {
    String workspaceId = workspaceId(workspace);
    ChannelEntity channel = db.read(em -> find(em, workspaceId, channelId));
    PlatformConnector connector = directConnector(channel.network);
    return save(workspaceId, connector, connectDirect(connector, fields), channelId);
  }

  private PlatformConnector directConnector(String network) {
    PlatformConnector connector = connectors.require(network);
    if (connector.connectFlow().method().isRedirect()) {
      throw new ValidationException(
          "network",
          network
              + " connects through the network's own sign-in: start it with POST"
              + " .../channels/authorizations");
    }
    return connector;
  }

  private static ConnectedAccount connectDirect(
      PlatformConnector connector, Map<String, String> fields) {
    Map<String, String> given = fields == null ? Map.of() : fields;
    Set<String> known =
        connector.connectFlow().fields().stream()
            .map(ConnectField::name)
            .collect(Collectors.toSet());
    for (Map.Entry<String, String> field : given.entrySet()) {
      if (!known.contains(field.getKey())) {
        throw new ValidationException(
            "fields." + field.getKey(), "not a field of " + connector.descriptor().id());
      }
      if (field.getValue() != null && field.getValue().length() > MAX_FIELD_LENGTH) {
        throw new ValidationException(
            "fields." + field.getKey(), "longer than " + MAX_FIELD_LENGTH + " characters");
      }
    }
    try {
      return connector.connect(given);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("fields", e.getMessage());
    }
  }

  @Override
  public AuthorizationStart beginAuthorization(
      String workspace, String network, String channelId, String userId, String returnTo) {
    String workspaceId = workspaceId(workspace);
    PlatformConnector connector = connectors.require(network);
    ConnectMethod method = connector.connectFlow().method();
    if (!method.isRedirect()) {
      throw new ValidationException(
          "network", network + " connects with typed credentials: POST .../channels");
    }
    if (channelId != null) {
      ChannelEntity channel = db.read(em -> find(em, workspaceId, channelId));
      if (!channel.network.equals(network)) {
        throw new ValidationException("channelId", "the channel is on " + channel.network);
      }
    }
    String path = returnPath(returnTo);
    String state = randomToken(32);
    String verifier = method == ConnectMethod.OAUTH2_PKCE ? randomToken(64) : null;
    URI redirectUri = callbackUri(network);
    URI authorizationUrl =
        connector.authorizationUrl(
            new AuthorizationRequest(redirectUri, state, verifier == null ? null : s256(verifier)));
    Instant now = clock.instant();
    AuthorizationEntity pending = new AuthorizationEntity();
    pending.stateHash = sha256Hex(state);
    pending.workspaceId = workspaceId;
    pending.network = network;
    pending.userId = userId;
    pending.channelId = channelId;
    pending.returnTo = path;
    pending.redirectUri = redirectUri.toString();
    pending.createdAt = now;
    pending.expiresAt = now.plus(settings.authorization());
    if (verifier != null) {
      vault.put(workspaceId, verifierName(pending.stateHash), verifier.toCharArray());
    }
    db.inTransaction(
        em -> {
          em.createQuery("DELETE FROM AuthorizationEntity a WHERE a.expiresAt < :now")
              .setParameter("now", now)
              .executeUpdate();
          em.persist(pending);
          return null;
        });
    return new AuthorizationStart(authorizationUrl, state, pending.expiresAt);
  }

  @Override
  public AuthorizationOutcome completeAuthorization(
      String network, String state, String code, String error) {
    if (state == null || state.isBlank() || state.length() > 200) {
      return new AuthorizationOutcome(null, "/", "the callback carries no valid state");
    }
    String stateHash = sha256Hex(state);
    // Used once: the row goes in the same transaction that reads it.
    AuthorizationEntity pending =
        db.inTransaction(
            em -> {
              AuthorizationEntity found = em.find(AuthorizationEntity.class, stateHash);
              if (found != null) {
                em.remove(found);
              }
              return found;
            });
    if (pending == null || !pending.network.equals(network)) {
      return new AuthorizationOutcome(
          null, "/", "unknown or already used authorization; start the connect again");
    }
    String verifier = takeVerifier(pending);
    String outcome = "failure";
    try {
      if (!clock.instant().isBefore(pending.expiresAt)) {
        return failed(pending, "the authorization took too long; start the connect again");
      }
      if (error != null && !error.isBlank()) {
        return failed(pending, "the network reported: " + abbreviate(error, 200));
      }
      if (code == null || code.isBlank() || code.length() > 2000) {
        return failed(pending, "the callback carries no authorization code");
      }
      PlatformConnector connector = connectors.require(network);
      ConnectedAccount account;
      try {
        account = connector.completeAuthorization(code, URI.create(pending.redirectUri), verifier);
      } catch (ConnectorException e) {
        return failed(pending, describe(e));
      }
      Channel channel = save(pending.workspaceId, connector, account, pending.channelId);
      outcome = "success";
      return new AuthorizationOutcome(channel, pending.returnTo, null);
    } catch (ValidationException e) {
      return failed(pending, e.getMessage());
    } finally {
      audit.record(
          new AuditEvent(
              pending.userId,
              pending.workspaceId,
              "channel.authorize",
              network + (pending.channelId == null ? "" : "/" + pending.channelId),
              null,
              outcome));
    }
  }

  private static AuthorizationOutcome failed(AuthorizationEntity pending, String reason) {
    return new AuthorizationOutcome(null, pending.returnTo, reason);
  }

  private String takeVerifier(AuthorizationEntity pending) {
    String name = verifierName(pending.stateHash);
    char[] verifier;
    try {
      verifier = vault.reveal(pending.workspaceId, name);
    } catch (NotFoundException e) {
      return null; // OAuth 2.0 without PKCE keeps none
    }
    vault.delete(pending.workspaceId, name);
    return new String(verifier);
  }

  /**
   * Stores an account's credentials and the channel: a new channel, or the one of the same account,
   * which must be {@code expectedChannelId} when that is given (a reconnect).
   */
  private Channel save(
      String workspaceId,
      PlatformConnector connector,
      ConnectedAccount account,
      String expectedChannelId) {
    String network = connector.descriptor().id();
    Instant now = clock.instant();
    ChannelEntity existing =
        db.read(
            em ->
                em.createQuery(
                        "SELECT c FROM ChannelEntity c WHERE c.workspaceId = :ws"
                            + " AND c.network = :network AND c.accountId = :account",
                        ChannelEntity.class)
                    .setParameter("ws", workspaceId)
                    .setParameter("network", network)
                    .setParameter("account", account.accountId())
                    .getResultStream()
                    .findFirst()
                    .orElse(null));
    if (expectedChannelId != null && (existing == null || !existing.id.equals(expectedChannelId))) {
      throw new ValidationException(
          "account",
          "the network signed in "
              + account.displayName()
              + ", not the account of the channel being reconnected");
    }
    String id = existing == null ? Ids.next() : existing.id;
    boolean refreshable = connector.descriptor().supports(Operation.REFRESH_CREDENTIALS);
    vault.put(workspaceId, credentialsName(id), CredentialsCodec.encode(account.credentials()));
    try {
      return db.inTransaction(
          em -> {
            ChannelEntity channel = existing == null ? new ChannelEntity() : em.merge(existing);
            if (existing == null) {
              channel.id = id;
              channel.workspaceId = workspaceId;
              channel.network = network;
              channel.accountId = account.accountId();
              channel.connectedAt = now;
              em.persist(channel);
            }
            channel.displayName = abbreviate(account.displayName(), 255);
            channel.settings = CredentialsCodec.settings(account.settings());
            channel.refreshable = refreshable;
            recordHealthy(channel, account.credentials(), now, null);
            em.flush(); // assigns the version the answer carries
            return toChannel(channel);
          });
    } catch (RuntimeException e) {
      if (existing == null) {
        vault.delete(workspaceId, credentialsName(id));
      }
      throw e;
    }
  }

  // ---- using and checking

  @Override
  public Channel test(String workspace, String channelId) {
    String workspaceId = workspaceId(workspace);
    ChannelEntity channel = db.read(em -> find(em, workspaceId, channelId));
    ChannelContext context = contextOf(channel, credentialsOf(channel));
    PlatformConnector connector = connectors.require(channel.network);
    Instant now = clock.instant();
    try {
      ConnectedAccount account = connector.verifyCredentials(context);
      return update(
          channel.id,
          c -> {
            c.displayName = abbreviate(account.displayName(), 255);
            recordHealthy(c, context.credentials(), now, null);
          });
    } catch (ConnectorException e) {
      if (e.kind() == ErrorKind.AUTH_EXPIRED && channel.refreshable) {
        return refresh(workspaceId, channelId);
      }
      return update(channel.id, c -> recordFailure(c, e, now));
    }
  }

  @Override
  public Channel refresh(String workspace, String channelId) {
    String workspaceId = workspaceId(workspace);
    ChannelEntity channel = db.read(em -> find(em, workspaceId, channelId));
    if (!channel.refreshable) {
      throw new ValidationException(
          "channelId", channel.network + " cannot refresh credentials by itself; reconnect");
    }
    return toChannel(refreshLeased(channel.id, true));
  }

  /**
   * Refreshes under a lease: the node that sets {@code refresh_lease_until} refreshes, the others
   * wait for its result. No database lock is held during the network call. Unless {@code force}, a
   * channel that someone else refreshed in the meantime is left alone.
   */
  private ChannelEntity refreshLeased(String channelId, boolean force) {
    Instant start = clock.instant();
    while (!claimLease(channelId)) {
      // Another node is refreshing: its result is what everyone needs.
      if (Duration.between(start, clock.instant()).compareTo(REFRESH_LEASE) > 0) {
        throw ConnectorException.transientFailure(
            "channels",
            "another node has been refreshing channel " + channelId + " too long",
            null);
      }
      sleep(LEASE_POLL);
    }
    ChannelEntity channel = db.read(em -> em.find(ChannelEntity.class, channelId));
    Consumer<ChannelEntity> outcome;
    try {
      Credentials current = credentialsOf(channel);
      if (!force && !current.accessExpiresWithin(settings.refreshMargin(), clock.instant())) {
        outcome = null;
      } else {
        outcome = refreshNow(channel, current);
      }
    } finally {
      releaseLease(channelId);
    }
    return outcome == null
        ? db.read(em -> em.find(ChannelEntity.class, channelId))
        : change(channelId, outcome);
  }

  /** Refreshes and stores the fresh credentials; answers how to record what happened. */
  private Consumer<ChannelEntity> refreshNow(ChannelEntity channel, Credentials current) {
    Instant now = clock.instant();
    try {
      Credentials fresh =
          keepRefreshToken(
              current,
              connectors.require(channel.network).refreshCredentials(contextOf(channel, current)));
      vault.put(channel.workspaceId, credentialsName(channel.id), CredentialsCodec.encode(fresh));
      return c -> recordHealthy(c, fresh, now, null);
    } catch (ConnectorException e) {
      LOG.warn(
          "Refresh of channel {} ({}) failed: {} {}",
          channel.id,
          channel.network,
          e.kind(),
          e.getMessage());
      return c -> recordFailure(c, e, now);
    }
  }

  private boolean claimLease(String channelId) {
    Instant now = clock.instant();
    int claimed =
        db.inTransaction(
            em ->
                em.createQuery(
                        "UPDATE ChannelEntity c SET c.refreshLeaseUntil = :until WHERE c.id = :id"
                            + " AND (c.refreshLeaseUntil IS NULL OR c.refreshLeaseUntil < :now)")
                    .setParameter("until", now.plus(REFRESH_LEASE))
                    .setParameter("id", channelId)
                    .setParameter("now", now)
                    .executeUpdate());
    if (claimed == 0 && db.read(em -> em.find(ChannelEntity.class, channelId)) == null) {
      throw new NotFoundException("channel", channelId);
    }
    return claimed == 1;
  }

  private void releaseLease(String channelId) {
    db.inTransaction(
        em ->
            em.createQuery("UPDATE ChannelEntity c SET c.refreshLeaseUntil = NULL WHERE c.id = :id")
                .setParameter("id", channelId)
                .executeUpdate());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.transientFailure("channels", "interrupted while waiting", e);
    }
  }

  /**
   * Refreshes every refreshable channel whose access token expires within the margin; answers how
   * many were tried. Called by the {@link CredentialRefresher} on every node.
   */
  int refreshDue(int max) {
    Instant due = clock.instant().plus(settings.refreshMargin());
    List<String> ids =
        db.read(
            em ->
                em.createQuery(
                        "SELECT c.id FROM ChannelEntity c WHERE c.refreshable = TRUE"
                            + " AND c.healthState <> :broken AND c.accessExpiresAt < :due"
                            + " ORDER BY c.accessExpiresAt",
                        String.class)
                    .setParameter("broken", TokenHealth.State.NEEDS_RECONNECT.name())
                    .setParameter("due", due)
                    .setMaxResults(max)
                    .getResultList());
    for (String id : ids) {
      try {
        refreshLeased(id, false);
      } catch (NotFoundException e) {
        // disconnected in the meantime
      } catch (RuntimeException e) {
        // One unreadable channel must not starve the others.
        LOG.warn("Refresh of channel {} failed: {}", id, e.toString());
      }
    }
    return ids.size();
  }

  @Override
  public ChannelContext context(String workspace, String channelId) {
    String workspaceId = workspaceId(workspace);
    ChannelEntity channel = db.read(em -> find(em, workspaceId, channelId));
    Credentials credentials = credentialsOf(channel);
    if (channel.refreshable
        && credentials.accessExpiresWithin(settings.refreshMargin(), clock.instant())) {
      channel = refreshLeased(channel.id, false);
      credentials = credentialsOf(channel);
    }
    if (TokenHealth.State.NEEDS_RECONNECT.name().equals(channel.healthState)) {
      throw ConnectorException.authRevoked(
          channel.network,
          "NEEDS_RECONNECT",
          "the channel needs a reconnect: " + channel.healthDetail);
    }
    return contextOf(channel, credentials);
  }

  @Override
  public void disconnect(String workspace, String channelId) {
    String workspaceId = workspaceId(workspace);
    boolean removed =
        db.inTransaction(
            em -> {
              ChannelEntity channel = em.find(ChannelEntity.class, channelId);
              if (channel == null || !channel.workspaceId.equals(workspaceId)) {
                return false;
              }
              em.remove(channel);
              return true;
            });
    if (removed) {
      vault.delete(workspaceId, credentialsName(channelId));
    }
  }

  /**
   * Verifies an inbound webhook for a channel with its connector, counts the verdict, and hands an
   * accepted payload to {@link EventAdmin} listeners (topic {@value #WEBHOOK_TOPIC}). A call for an
   * unknown channel, or a network that pushes nothing, is {@link WebhookVerdict.Outcome#MALFORMED}.
   */
  public WebhookVerdict receiveWebhook(String network, String channelId, WebhookRequest request) {
    ChannelEntity channel =
        channelId == null ? null : db.read(em -> em.find(ChannelEntity.class, channelId));
    PlatformConnector connector = connectors.find(network).orElse(null);
    WebhookVerdict verdict;
    if (channel == null
        || !channel.network.equals(network)
        || connector == null
        || !connector.descriptor().supports(Operation.VERIFY_WEBHOOK)) {
      verdict = WebhookVerdict.malformed("no channel of " + network + " takes webhooks here");
    } else {
      verdict = connector.verifyWebhook(contextOf(channel, credentialsOf(channel)), request);
    }
    webhooks.count(network, verdict.outcome());
    switch (verdict.outcome()) {
      case ACCEPTED -> publishWebhook(channel, verdict);
      case FORGED, REPLAYED ->
          LOG.warn(
              "Refused a {} webhook for channel {}: {} ({})",
              network,
              channelId,
              verdict.outcome(),
              verdict.reason());
      default -> {
        // challenges are answered, malformed calls counted
      }
    }
    return verdict;
  }

  private void publishWebhook(ChannelEntity channel, WebhookVerdict verdict) {
    EventAdmin events = eventAdmin;
    if (events == null) {
      LOG.warn(
          "No EventAdmin: webhook {} of channel {} is not delivered",
          verdict.deliveryId(),
          channel.id);
      return;
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("workspaceId", channel.workspaceId);
    properties.put("channelId", channel.id);
    properties.put("network", channel.network);
    properties.put("payload", verdict.payload());
    if (verdict.deliveryId() != null) {
      properties.put("deliveryId", verdict.deliveryId());
    }
    events.postEvent(new Event(WEBHOOK_TOPIC, properties));
  }

  // ---- health

  private void recordHealthy(
      ChannelEntity channel, Credentials credentials, Instant now, String detail) {
    channel.accessExpiresAt = credentials.accessExpiresAt();
    channel.expiresAt =
        channel.refreshable && credentials.hasRefreshToken()
            ? credentials.refreshExpiresAt()
            : channel.refreshable ? null : credentials.accessExpiresAt();
    channel.healthState = TokenHealth.State.HEALTHY.name();
    channel.healthDetail = detail;
    channel.checkedAt = now;
    channel.updatedAt = now;
  }

  /**
   * A refused grant needs a reconnect, and so does an expired one that the network cannot refresh
   * (Weibo); anything else leaves the verdict and says what failed.
   */
  private static void recordFailure(ChannelEntity channel, ConnectorException e, Instant now) {
    if (e.kind() == ErrorKind.AUTH_REVOKED
        || (e.kind() == ErrorKind.AUTH_EXPIRED && !channel.refreshable)) {
      channel.healthState = TokenHealth.State.NEEDS_RECONNECT.name();
      channel.healthDetail = abbreviate(describe(e), 1000);
    } else {
      channel.healthDetail =
          abbreviate("the last check failed and will be retried: " + describe(e), 1000);
    }
    channel.checkedAt = now;
    channel.updatedAt = now;
  }

  private static String describe(ConnectorException e) {
    StringBuilder text = new StringBuilder(e.kind().name());
    if (e.networkCode() != null) {
      text.append(" ").append(e.networkCode());
    }
    if (e.networkMessage() != null) {
      text.append(": ").append(e.networkMessage());
    }
    return text.toString();
  }

  private Channel toChannel(ChannelEntity c) {
    Instant now = clock.instant();
    TokenHealth health =
        TokenHealth.State.NEEDS_RECONNECT.name().equals(c.healthState)
            ? TokenHealth.needsReconnect(c.checkedAt, c.healthDetail)
            : TokenHealth.judge(
                c.expiresAt, settings.expiryWarning(), now, c.checkedAt, c.healthDetail);
    return new Channel(
        c.id,
        c.workspaceId,
        c.network,
        c.accountId,
        c.displayName,
        health,
        CredentialsCodec.settings(c.settings),
        c.connectedAt,
        c.updatedAt,
        c.version);
  }

  // ---- helpers

  private Channel update(String channelId, Consumer<ChannelEntity> change) {
    return toChannel(change(channelId, change));
  }

  /** Applies {@code change} to the channel in one transaction; answers the changed row. */
  private ChannelEntity change(String channelId, Consumer<ChannelEntity> change) {
    return db.inTransaction(
        em -> {
          ChannelEntity channel = em.find(ChannelEntity.class, channelId);
          if (channel == null) {
            throw new NotFoundException("channel", channelId);
          }
          change.accept(channel);
          return channel;
        });
  }

  private static ChannelEntity find(EntityManager em, String workspaceId, String channelId) {
    ChannelEntity channel = channelId == null ? null : em.find(ChannelEntity.class, channelId);
    if (channel == null || !channel.workspaceId.equals(workspaceId)) {
      throw new NotFoundException("channel", channelId);
    }
    return channel;
  }

  private Credentials credentialsOf(ChannelEntity channel) {
    char[] stored = vault.reveal(channel.workspaceId, credentialsName(channel.id));
    try {
      return CredentialsCodec.decode(stored);
    } finally {
      Arrays.fill(stored, '\0');
    }
  }

  private static ChannelContext contextOf(ChannelEntity channel, Credentials credentials) {
    return new ChannelContext(
        channel.workspaceId,
        channel.id,
        channel.accountId,
        credentials,
        CredentialsCodec.settings(channel.settings));
  }

  /** A refresh answer without a refresh token keeps the one the channel has. */
  static Credentials keepRefreshToken(Credentials current, Credentials fresh) {
    if (fresh.hasRefreshToken() || !current.hasRefreshToken()) {
      return fresh;
    }
    return new Credentials(
        fresh.accessToken(),
        current.refreshToken(),
        fresh.accessExpiresAt(),
        current.refreshExpiresAt(),
        fresh.scopes().isEmpty() ? current.scopes() : fresh.scopes(),
        fresh.secrets().isEmpty() ? current.secrets() : fresh.secrets(),
        fresh.attributes());
  }

  /** The workspace's id, whether the caller named it by id or by slug. */
  private String workspaceId(String idOrSlug) {
    return (idOrSlug == null ? Optional.<String>empty() : workspaceIds.apply(idOrSlug))
        .orElseThrow(() -> new NotFoundException("workspace", idOrSlug));
  }

  private URI callbackUri(String network) {
    return URI.create(settings.publicBaseUrl() + "/api/v1/oauth/" + network + "/callback");
  }

  /** Only a path of this site: an open redirect would hand the user to anyone. */
  static String returnPath(String returnTo) {
    if (returnTo == null || returnTo.isBlank()) {
      return "/";
    }
    String path = returnTo.strip();
    if (!path.startsWith("/")
        || path.startsWith("//")
        || path.contains("\\")
        || path.length() > 500
        || path.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw new ValidationException("returnTo", "must be a path of this site, e.g. /channels");
    }
    return path;
  }

  static String credentialsName(String channelId) {
    return "channel-" + channelId;
  }

  private static String verifierName(String stateHash) {
    return "oauth-" + stateHash.substring(0, 32);
  }

  private static String randomToken(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return BASE64URL.encodeToString(random);
  }

  static String s256(String verifier) {
    return BASE64URL.encodeToString(sha256(verifier));
  }

  private static String sha256Hex(String value) {
    return HexFormat.of().formatHex(sha256(value));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String abbreviate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
