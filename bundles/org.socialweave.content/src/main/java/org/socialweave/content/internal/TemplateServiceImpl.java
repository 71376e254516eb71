package org.socialweave.content.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.Snippet;
import org.socialweave.api.content.SnippetDraft;
import org.socialweave.api.content.Template;
import org.socialweave.api.content.TemplateDraft;
import org.socialweave.api.content.TemplateFill;
import org.socialweave.api.content.TemplateService;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.content.internal.persistence.SnippetEntity;
import org.socialweave.content.internal.persistence.TemplateEntity;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Templates and snippets over the {@code socialweave.content} unit; every change is audited. A
 * snippet is named in a text as {@code {{snippet:<name>}}}: templates keep the reference (a changed
 * snippet shows in every template), posts get the snippet's text when they are saved.
 */
@Component(service = {TemplateService.class, TemplateServiceImpl.class})
public class TemplateServiceImpl extends WorkspaceRecords implements TemplateService {

  static final int MAX_NAME = 200;
  static final int MAX_SNIPPET_TEXT = 4000;

  /** A reference as written; the name is checked separately so a typo gets a precise error. */
  static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*snippet:([^{}]{0,80})\\}\\}");

  static final Pattern SNIPPET_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

  /** Checks the campaign a template names. */
  @Reference CampaignServiceImpl campaigns;

  @Activate
  public TemplateServiceImpl(
      @Reference(target = PostServiceImpl.DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = PostServiceImpl.UNIT_FILTER) EntityManagerFactory emf,
      @Reference ChannelService channels,
      @Reference WorkspaceService workspaces,
      @Reference AuditLog audit) {
    this(
        PostServiceImpl.migrated(dataSource, emf),
        channels,
        workspaces::find,
        audit,
        Clock.systemUTC());
  }

  TemplateServiceImpl(
      UnitOfWork db,
      ChannelService channels,
      Function<String, Optional<Workspace>> workspaces,
      AuditLog audit,
      Clock clock) {
    super(db, channels, workspaces, audit, clock);
  }

  // ---- templates

  @Override
  public Template create(String workspace, TemplateDraft draft, String actor) {
    String workspaceId = workspace(workspace).id();
    checked(workspaceId, draft);
    Instant now = clock.instant();
    Template created =
        db.inTransaction(
            em -> {
              TemplateEntity t = new TemplateEntity();
              t.id = Ids.next();
              t.workspaceId = workspaceId;
              t.createdBy = actor;
              t.createdAt = now;
              apply(t, draft, now);
              em.persist(t);
              em.flush();
              return toTemplate(t);
            });
    record(actor, workspaceId, "template.create", created.id());
    return created;
  }

  @Override
  public Template get(String workspace, String templateId) {
    String workspaceId = workspace(workspace).id();
    return db.read(em -> toTemplate(template(em, workspaceId, templateId)));
  }

  @Override
  public Page<Template> list(String workspace, PageRequest page) {
    String workspaceId = workspace(workspace).id();
    return page(
        workspaceId,
        page,
        TemplateEntity.class,
        "TemplateEntity",
        TemplateServiceImpl::toTemplate,
        Template::id);
  }

  @Override
  public Template update(
      String workspace,
      String templateId,
      TemplateDraft draft,
      long expectedVersion,
      String actor) {
    String workspaceId = workspace(workspace).id();
    checked(workspaceId, draft);
    Instant now = clock.instant();
    Template updated =
        db.inTransaction(
            em -> {
              TemplateEntity t = template(em, workspaceId, templateId);
              requireVersion(t.version, expectedVersion, "template");
              apply(t, draft, now);
              em.flush();
              return toTemplate(t);
            });
    record(actor, workspaceId, "template.update", templateId);
    return updated;
  }

  @Override
  public void delete(String workspace, String templateId, String actor) {
    String workspaceId = workspace(workspace).id();
    db.inTransaction(
        em -> {
          em.remove(template(em, workspaceId, templateId));
          return null;
        });
    record(actor, workspaceId, "template.delete", templateId);
  }

  @Override
  public TemplateFill fill(String workspace, String templateId, String timeZone) {
    Workspace ws = workspace(workspace);
    Template t = get(ws.id(), templateId);
    String zone = PlannedTime.zone(timeZone != null ? timeZone : ws.timeZone());
    PostDraft draft =
        new PostDraft(
            t.campaignId(),
            expand(ws.id(), t.text(), "text"),
            t.title(),
            t.link(),
            t.channelIds(),
            zone,
            Map.of(),
            List.of(),
            Map.of(),
            t.tags(),
            Map.of(),
            null,
            false);
    return new TemplateFill(t.id(), draft, t.tags());
  }

  // ---- snippets

  @Override
  public Snippet createSnippet(String workspace, SnippetDraft draft, String actor) {
    String workspaceId = workspace(workspace).id();
    checked(draft);
    Instant now = clock.instant();
    Snippet created =
        db.inTransaction(
            em -> {
              requireFreeSnippetName(em, workspaceId, draft.name());
              SnippetEntity s = new SnippetEntity();
              s.id = Ids.next();
              s.workspaceId = workspaceId;
              s.createdBy = actor;
              s.createdAt = now;
              s.name = draft.name();
              s.body = draft.text();
              s.updatedAt = now;
              em.persist(s);
              em.flush();
              return toSnippet(s);
            });
    record(actor, workspaceId, "snippet.create", created.id());
    return created;
  }

  @Override
  public Snippet getSnippet(String workspace, String idOrName) {
    String workspaceId = workspace(workspace).id();
    return db.read(
        em -> {
          SnippetEntity byId =
              idOrName != null && ID.matcher(idOrName).matches()
                  ? em.find(SnippetEntity.class, idOrName)
                  : null;
          if (byId != null && byId.workspaceId.equals(workspaceId)) {
            return toSnippet(byId);
          }
          return snippetsNamed(em, workspaceId, idOrName == null ? Set.of() : Set.of(idOrName))
              .stream()
              .findFirst()
              .map(TemplateServiceImpl::toSnippet)
              .orElseThrow(() -> new NotFoundException("snippet", idOrName));
        });
  }

  @Override
  public Page<Snippet> listSnippets(String workspace, PageRequest page) {
    String workspaceId = workspace(workspace).id();
    return page(
        workspaceId,
        page,
        SnippetEntity.class,
        "SnippetEntity",
        TemplateServiceImpl::toSnippet,
        Snippet::id);
  }

  @Override
  public Snippet updateSnippet(
      String workspace, String snippetId, SnippetDraft draft, long expectedVersion, String actor) {
    String workspaceId = workspace(workspace).id();
    checked(draft);
    Instant now = clock.instant();
    Snippet updated =
        db.inTransaction(
            em -> {
              SnippetEntity s = snippet(em, workspaceId, snippetId);
              requireVersion(s.version, expectedVersion, "snippet");
              if (!s.name.equals(draft.name())) {
                requireFreeSnippetName(em, workspaceId, draft.name());
              }
              s.name = draft.name();
              s.body = draft.text();
              s.updatedAt = now;
              em.flush();
              return toSnippet(s);
            });
    record(actor, workspaceId, "snippet.update", snippetId);
    return updated;
  }

  @Override
  public void deleteSnippet(String workspace, String snippetId, String actor) {
    String workspaceId = workspace(workspace).id();
    db.inTransaction(
        em -> {
          em.remove(snippet(em, workspaceId, snippetId));
          return null;
        });
    record(actor, workspaceId, "snippet.delete", snippetId);
  }

  @Override
  public String expand(String workspace, String text, String field) {
    String workspaceId = workspace(workspace).id();
    if (text == null || !text.contains("{{")) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    Set<String> names = new TreeSet<>();
    while (m.find()) {
      String name = m.group(1).strip();
      if (!SNIPPET_NAME.matcher(name).matches()) {
        throw new ValidationException(
            field,
            "\u201c" + m.group() + "\u201d does not name a snippet: names are a-z, 0-9, _ and -");
      }
      names.add(name);
    }
    if (names.isEmpty()) {
      return text;
    }
    Map<String, String> known =
        db.read(
            em ->
                snippetsNamed(em, workspaceId, names).stream()
                    .collect(Collectors.toMap(s -> s.name, s -> s.body)));
    for (String name : names) {
      if (!known.containsKey(name)) {
        throw new ValidationException(
            field,
            "unknown snippet \u201c"
                + name
                + "\u201d in {{snippet:"
                + name
                + "}}; create it under /snippets or fix the name");
      }
    }
    String expanded =
        REFERENCE
            .matcher(text)
            .replaceAll(r -> Matcher.quoteReplacement(known.get(r.group(1).strip())));
    if (expanded.length() > PostServiceImpl.MAX_TEXT) {
      throw new ValidationException(
          field,
          field + " has at most " + PostServiceImpl.MAX_TEXT + " characters with its snippets");
    }
    return expanded;
  }

  /** The draft with the snippets of its texts expanded, or {@code null} for {@code null}. */
  PostDraft expandSnippets(String workspaceId, PostDraft draft) {
    if (draft == null) {
      return null;
    }
    Map<String, String> variantTexts =
        draft.variantTexts().entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> expand(workspaceId, e.getValue(), "variantTexts." + e.getKey())));
    return new PostDraft(
        draft.campaignId(),
        expand(workspaceId, draft.text(), "text"),
        draft.title(),
        draft.link(),
        draft.channelIds(),
        draft.timeZone(),
        variantTexts,
        draft.media(),
        draft.variantMedia(),
        draft.tags(),
        draft.variantMentions(),
        draft.utmCampaign(),
        draft.sponsored());
  }

  // ---- the pieces

  private void checked(String workspaceId, TemplateDraft draft) {
    if (draft == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    CampaignServiceImpl.requireText("name", draft.name(), MAX_NAME);
    CampaignServiceImpl.requireText("text", draft.text(), PostServiceImpl.MAX_TEXT);
    expand(workspaceId, draft.text(), "text");
    if (draft.title() != null && draft.title().length() > PostServiceImpl.MAX_TITLE) {
      throw new ValidationException(
          "title", "title has at most " + PostServiceImpl.MAX_TITLE + " characters");
    }
    if (draft.link() != null && !draft.link().isBlank()) {
      if (draft.link().length() > PostServiceImpl.MAX_LINK) {
        throw new ValidationException(
            "link", "link has at most " + PostServiceImpl.MAX_LINK + " characters");
      }
      PostServiceImpl.requireHttpUrl(draft.link());
    }
    if (draft.campaignId() != null) {
      campaigns.requireCampaign(workspaceId, draft.campaignId());
    }
    CampaignServiceImpl.requireTags(draft.tags());
    requireChannels(workspaceId, draft.channelIds(), PostServiceImpl.MAX_CHANNELS);
  }

  private static void checked(SnippetDraft draft) {
    if (draft == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    if (draft.name() == null || !SNIPPET_NAME.matcher(draft.name()).matches()) {
      throw new ValidationException(
          "name", "a snippet name is 1-40 of a-z, 0-9, _ and -, starting with a letter or digit");
    }
    CampaignServiceImpl.requireText("text", draft.text(), MAX_SNIPPET_TEXT);
    if (REFERENCE.matcher(draft.text()).find()) {
      throw new ValidationException("text", "a snippet cannot name another snippet");
    }
  }

  private static void apply(TemplateEntity t, TemplateDraft draft, Instant now) {
    t.name = draft.name().strip();
    t.nameKey = t.name.toLowerCase(Locale.ROOT);
    t.body = draft.text();
    t.title = blankToNull(draft.title());
    t.link = blankToNull(draft.link());
    t.channelIds = CampaignServiceImpl.json(draft.channelIds());
    t.tags = CampaignServiceImpl.json(List.copyOf(new LinkedHashSet<>(draft.tags())));
    t.campaignId = draft.campaignId();
    t.updatedAt = now;
  }

  private static void requireFreeSnippetName(EntityManager em, String workspaceId, String name) {
    if (!snippetsNamed(em, workspaceId, Set.of(name)).isEmpty()) {
      throw new ConflictException("the workspace already has a snippet named " + name);
    }
  }

  private static List<SnippetEntity> snippetsNamed(
      EntityManager em, String workspaceId, Set<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "SELECT s FROM SnippetEntity s WHERE s.workspaceId = :ws AND s.name IN :names",
            SnippetEntity.class)
        .setParameter("ws", workspaceId)
        .setParameter("names", List.copyOf(names))
        .getResultList();
  }

  private <E, T> Page<T> page(
      String workspaceId,
      PageRequest page,
      Class<E> type,
      String entity,
      Function<E, T> convert,
      Function<T, String> id) {
    return db.read(
        em -> {
          List<E> rows =
              em.createQuery(
                      "SELECT e FROM "
                          + entity
                          + " e WHERE e.workspaceId = :ws AND e.id > :after ORDER BY e.id",
                      type)
                  .setParameter("ws", workspaceId)
                  .setParameter("after", page.after() == null ? "" : page.after())
                  .setMaxResults(page.limit() + 1)
                  .getResultList();
          boolean more = rows.size() > page.limit();
          List<T> items = rows.stream().limit(page.limit()).map(convert).toList();
          return new Page<>(
              items, more ? PageRequest.cursorAfter(id.apply(items.get(items.size() - 1))) : null);
        });
  }

  private static TemplateEntity template(EntityManager em, String workspaceId, String id) {
    TemplateEntity t =
        id == null || !ID.matcher(id).matches() ? null : em.find(TemplateEntity.class, id);
    if (t == null || !t.workspaceId.equals(workspaceId)) {
      throw new NotFoundException("template", id);
    }
    return t;
  }

  private static SnippetEntity snippet(EntityManager em, String workspaceId, String id) {
    SnippetEntity s =
        id == null || !ID.matcher(id).matches() ? null : em.find(SnippetEntity.class, id);
    if (s == null || !s.workspaceId.equals(workspaceId)) {
      throw new NotFoundException("snippet", id);
    }
    return s;
  }

  private static Template toTemplate(TemplateEntity t) {
    return new Template(
        t.id,
        t.workspaceId,
        t.name,
        t.body,
        t.title,
        t.link,
        CampaignServiceImpl.list(t.channelIds),
        CampaignServiceImpl.list(t.tags),
        t.campaignId,
        t.createdBy,
        t.createdAt,
        t.updatedAt,
        t.version);
  }

  private static Snippet toSnippet(SnippetEntity s) {
    return new Snippet(
        s.id, s.workspaceId, s.name, s.body, s.createdBy, s.createdAt, s.updatedAt, s.version);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
