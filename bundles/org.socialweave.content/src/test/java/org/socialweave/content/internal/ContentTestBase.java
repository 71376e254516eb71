package org.socialweave.content.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.junit.AfterClass;
import org.junit.Before;
import org.socialweave.api.Workspace;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.CampaignDraft;
import org.socialweave.api.content.Kpi;
import org.socialweave.core.internal.audit.AuditLogImpl;
import org.socialweave.core.internal.identity.WorkspaceServiceImpl;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * The content services wired as DS wires them, on a real database (H2, and PostgreSQL in the
 * postgres profile), with a fresh workspace and an X and a Weibo channel for every test.
 */
public abstract class ContentTestBase extends DatabaseTestBase {

  private static TestDatabaseHolder holder = new TestDatabaseHolder();

  protected UnitOfWork unit;
  protected MutableClock clock;
  protected FixedChannels channels;
  protected DescribedNetworks networks;
  protected AuditLogImpl audit;
  protected CampaignServiceImpl campaigns;
  protected TemplateServiceImpl templates;
  protected PostServiceImpl posts;
  protected ApprovalSwitch approvals;
  protected PublishOutboxImpl outbox;
  protected BlockedTerm checks;
  protected RecordedRuns checkRuns;
  protected AssetLibrary media;
  protected MintedLinks links;
  protected PublishAttachmentsImpl attachments;
  protected Workspace ws;
  protected String x;
  protected String weibo;

  @Before
  public void wireServices() {
    unit = PostServiceImpl.migrated(testDb.dataSource(), holder.emf());
    clock = MutableClock.atNow();
    WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(db(), clock);
    ws = workspaces.create(unique("content-"), "Content", "Asia/Shanghai");
    channels = new FixedChannels();
    x = channels.add(ws.id(), unique("x"), "x").id();
    weibo = channels.add(ws.id(), unique("wb"), "weibo").id();
    networks = new DescribedNetworks();
    audit = new AuditLogImpl(db(), clock);
    campaigns = new CampaignServiceImpl(unit, channels, workspaces::find, audit, clock);
    templates = new TemplateServiceImpl(unit, channels, workspaces::find, audit, clock);
    templates.campaigns = campaigns;
    approvals = new ApprovalSwitch(clock);
    checks = new BlockedTerm();
    checkRuns = new RecordedRuns(clock, audit);
    posts =
        new PostServiceImpl(unit, channels, networks, approvals, checks, workspaces::find, clock);
    posts.campaigns = campaigns;
    posts.checkRuns = checkRuns;
    posts.audit = audit;
    posts.templates = templates;
    media = new AssetLibrary();
    links = new MintedLinks();
    posts.enrichment = new PostEnrichment(media, links);
    outbox = new PublishOutboxImpl(unit, networks, audit, clock);
    attachments = new PublishAttachmentsImpl(unit, media);
  }

  /** A campaign of the test's workspace, with a goal no test looks at. */
  protected Campaign campaign(String name) {
    return campaigns.create(
        ws.id(),
        new CampaignDraft(
            name,
            "Launch",
            Kpi.REACH,
            BigDecimal.TEN,
            null,
            LocalDate.of(2030, 1, 1),
            null,
            List.of(),
            List.of(),
            null,
            null),
        "alice");
  }

  @AfterClass
  public static void closeEmf() {
    holder.close();
  }

  /** One EntityManagerFactory per backend the class runs on. */
  private static final class TestDatabaseHolder {
    private Object database;
    private EntityManagerFactory emf;

    EntityManagerFactory emf() {
      if (database != testDb) {
        close();
        emf =
            Persistence.createEntityManagerFactory(
                "socialweave.content",
                Map.of(
                    "javax.persistence.nonJtaDataSource",
                    testDb.dataSource(),
                    "eclipselink.logging.level",
                    "SEVERE"));
        database = testDb;
      }
      return emf;
    }

    void close() {
      if (emf != null) {
        emf.close();
        emf = null;
        database = null;
      }
    }
  }
}
