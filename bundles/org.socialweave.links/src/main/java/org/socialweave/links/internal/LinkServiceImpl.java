package org.socialweave.links.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.links.ClickQuery;
import org.socialweave.api.links.ClickStats;
import org.socialweave.api.links.LinkAttribution;
import org.socialweave.api.links.LinkService;
import org.socialweave.api.links.ShortLink;
import org.socialweave.api.links.Utm;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.Paging;
import org.socialweave.core.persistence.UnitOfWork;
import org.socialweave.links.internal.persistence.LinkEntity;

/**
 * Short links over the {@code socialweave.links} unit. Links are immutable, so the redirector's
 * cache of them ({@link #resolve}) is right on every node without any invalidation.
 */
@Component(
    service = {LinkService.class, LinkServiceImpl.class},
    configurationPid = "org.socialweave.links")
@Designate(ocd = LinksConfig.class)
public class LinkServiceImpl implements LinkService {

  static final String UNIT_FILTER = "(osgi.unit.name=socialweave.links)";
  static final String DATASOURCE_FILTER = "(osgi.jndi.service.name=socialweave)";
  static final int MAX_TARGET_LENGTH = 4000;
  static final int MAX_ID_LENGTH = 64;

  /** A fresh code collides with probability links/2^53; five misses in a row mean a bug. */
  static final int CODE_ATTEMPTS = 5;

  private final UnitOfWork db;
  private final ClickStore clicks;
  private final Function<String, Optional<String>> workspaceIds;
  private final Supplier<String> codes;
  private final URI publicBaseUrl;
  private final int cacheSize;
  private final Clock clock;
  private final Map<String, ResolvedLink> cache = new ConcurrentHashMap<>();

  @Activate
  public LinkServiceImpl(
      @Reference(target = DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf,
      @Reference WorkspaceService workspaces,
      LinksConfig config) {
    this(
        migrated(dataSource, emf),
        new ClickStore(dataSource),
        idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
        new Codes(),
        baseUrl(config.publicBaseUrl()),
        config.cacheSize(),
        Clock.systemUTC());
  }

  LinkServiceImpl(
      UnitOfWork db,
      ClickStore clicks,
      Function<String, Optional<String>> workspaceIds,
      Supplier<String> codes,
      URI publicBaseUrl,
      int cacheSize,
      Clock clock) {
    this.db = db;
    this.clicks = clicks;
    this.workspaceIds = workspaceIds;
    this.codes = codes;
    this.publicBaseUrl = publicBaseUrl;
    this.cacheSize = Math.max(1, cacheSize);
    this.clock = clock;
  }

  static UnitOfWork migrated(DataSource dataSource, EntityManagerFactory emf) {
    Migrations.apply(dataSource, LinkServiceImpl.class.getClassLoader(), "links");
    return new UnitOfWork(emf);
  }

  static URI baseUrl(String configured) {
    String base = configured.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base);
  }

  @Override
  public ShortLink shorten(String workspace, URI target, Utm utm, LinkAttribution attribution) {
    String workspaceId = workspaceId(workspace);
    Utm parameters = utm == null ? Utm.NONE : utm;
    LinkAttribution owner = attribution == null ? LinkAttribution.NONE : checked(attribution);
    URI destination = parameters.applyTo(checkedTarget(target));
    String location = destination.toASCIIString();
    if (location.length() > MAX_TARGET_LENGTH) {
      throw new ValidationException(
          "target", "the target with its UTM parameters is longer than " + MAX_TARGET_LENGTH);
    }
    String identity = identityHash(location, owner);
    Optional<LinkEntity> existing = findByIdentity(workspaceId, identity);
    if (existing.isPresent()) {
      return toLink(existing.get());
    }
    for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      LinkEntity e = new LinkEntity();
      e.id = Ids.next();
      e.workspaceId = workspaceId;
      e.code = codes.get();
      e.target = location;
      e.utmSource = parameters.source();
      e.utmMedium = parameters.medium();
      e.utmCampaign = parameters.campaign();
      e.utmTerm = parameters.term();
      e.utmContent = parameters.content();
      e.campaignId = owner.campaignId();
      e.postId = owner.postId();
      e.variantId = owner.variantId();
      e.channelId = owner.channelId();
      e.identityHash = identity;
      e.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
      try {
        db.inTransaction(
            em -> {
              em.persist(e);
              return e;
            });
        return toLink(e);
      } catch (ConflictException clash) {
        // Either the same link was just minted by another caller, or the code is taken.
        existing = findByIdentity(workspaceId, identity);
        if (existing.isPresent()) {
          return toLink(existing.get());
        }
      }
    }
    throw new IllegalStateException("no free short-link code after " + CODE_ATTEMPTS + " attempts");
  }

  @Override
  public ShortLink get(String workspace, String linkId) {
    String workspaceId = workspaceId(workspace);
    return toLink(db.read(em -> find(em, workspaceId, linkId)));
  }

  @Override
  public Page<ShortLink> list(String workspace, PageRequest page) {
    String workspaceId = workspaceId(workspace);
    return db.read(
        em ->
            Paging.page(
                em.createQuery(
                        "SELECT l FROM LinkEntity l WHERE l.workspaceId = :ws AND l.id > :after"
                            + " ORDER BY l.id",
                        LinkEntity.class)
                    .setParameter("ws", workspaceId),
                page,
                l -> l.id,
                this::toLink));
  }

  @Override
  public ClickStats clicks(String workspace, ClickQuery query) {
    String workspaceId = workspaceId(workspace);
    ClickQuery q = query == null ? ClickQuery.ALL : query;
    if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
      throw new ValidationException("from", "from must be before to");
    }
    try {
      return clicks.stats(workspaceId, q);
    } catch (SQLException e) {
      throw new IllegalStateException("counting clicks failed", e);
    }
  }

  /** The link of a code, from the cache or else the database; empty for an unknown code. */
  Optional<ResolvedLink> resolve(String code) {
    ResolvedLink cached = cache.get(code);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<ResolvedLink> found =
        db.read(
                em ->
                    em.createQuery(
                            "SELECT l FROM LinkEntity l WHERE l.code = :code", LinkEntity.class)
                        .setParameter("code", code)
                        .getResultStream()
                        .findFirst())
            .map(l -> new ResolvedLink(l.id, l.target));
    found.ifPresent(link -> remember(code, link));
    return found;
  }

  private void remember(String code, ResolvedLink link) {
    if (cache.size() >= cacheSize) {
      // Random eviction: cheap, and a hot code comes back at the cost of one query.
      Iterator<String> any = cache.keySet().iterator();
      if (any.hasNext()) {
        cache.remove(any.next());
      }
    }
    cache.put(code, link);
  }

  private Optional<LinkEntity> findByIdentity(String workspaceId, String identity) {
    return db.read(
        em ->
            em.createQuery(
                    "SELECT l FROM LinkEntity l WHERE l.workspaceId = :ws"
                        + " AND l.identityHash = :identity",
                    LinkEntity.class)
                .setParameter("ws", workspaceId)
                .setParameter("identity", identity)
                .getResultStream()
                .findFirst());
  }

  private static LinkEntity find(EntityManager em, String workspaceId, String linkId) {
    LinkEntity e = linkId == null ? null : em.find(LinkEntity.class, linkId);
    if (e == null || !e.workspaceId.equals(workspaceId)) {
      throw new NotFoundException("link", linkId);
    }
    return e;
  }

  private String workspaceId(String workspace) {
    if (workspace == null || workspace.isBlank()) {
      throw new NotFoundException("workspace", String.valueOf(workspace));
    }
    return workspaceIds
        .apply(workspace)
        .orElseThrow(() -> new NotFoundException("workspace", workspace));
  }

  private static URI checkedTarget(URI target) {
    if (target == null) {
      throw new ValidationException("target", "the target URL is required");
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!target.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new ValidationException("target", "the target must be an absolute http or https URL");
    }
    if (target.getHost() == null || target.getHost().isEmpty()) {
      throw new ValidationException("target", "the target URL has no host");
    }
    return target;
  }

  private static LinkAttribution checked(LinkAttribution attribution) {
    for (Map.Entry<String, String> part :
        Map.of(
                "attribution.campaignId", String.valueOf(attribution.campaignId()),
                "attribution.postId", String.valueOf(attribution.postId()),
                "attribution.variantId", String.valueOf(attribution.variantId()),
                "attribution.channelId", String.valueOf(attribution.channelId()))
            .entrySet()) {
      if (part.getValue().length() > MAX_ID_LENGTH) {
        throw new ValidationException(
            part.getKey(), "ids are at most " + MAX_ID_LENGTH + " characters");
      }
    }
    return attribution;
  }

  static String identityHash(String location, LinkAttribution owner) {
    StringBuilder key = new StringBuilder(location);
    for (String part :
        Arrays.asList(owner.campaignId(), owner.postId(), owner.variantId(), owner.channelId())) {
      // NUL cannot be in an id, so an absent part never equals a present one.
      key.append('\n').append(part == null ? "\0" : part);
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(key.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private ShortLink toLink(LinkEntity e) {
    return new ShortLink(
        e.id,
        e.workspaceId,
        e.code,
        URI.create(publicBaseUrl + "/s/" + e.code),
        URI.create(e.target),
        new Utm(e.utmSource, e.utmMedium, e.utmCampaign, e.utmTerm, e.utmContent),
        new LinkAttribution(e.campaignId, e.postId, e.variantId, e.channelId),
        e.createdAt);
  }
}
