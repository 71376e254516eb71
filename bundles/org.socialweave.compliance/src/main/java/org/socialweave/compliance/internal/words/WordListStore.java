package org.socialweave.compliance.internal.words;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.compliance.WordList;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.compliance.internal.ComplianceConfig;
import org.socialweave.compliance.internal.persistence.WordListEntity;
import org.socialweave.compliance.internal.text.FoldedText;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.Paging;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * The word lists of every workspace in {@code sw_word_list}, and each workspace's compiled {@link
 * SensitiveWords}, kept for {@link ComplianceConfig#wordListCacheSeconds()} so a check reads no
 * database. Takes workspace ids (the service resolves slugs).
 */
@Component(service = WordListStore.class, configurationPid = "org.socialweave.compliance")
public class WordListStore {

  static final String UNIT_FILTER = "(osgi.unit.name=socialweave.compliance)";
  static final String DATASOURCE_FILTER = "(osgi.jndi.service.name=socialweave)";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private record Compiled(SensitiveWords words, Instant until) {}

  private final UnitOfWork db;
  private final Clock clock;
  private final Duration cacheTime;
  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

  @Activate
  public WordListStore(
      @Reference(target = DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf,
      ComplianceConfig config) {
    this(
        migrated(dataSource, emf),
        Duration.ofSeconds(config.wordListCacheSeconds()),
        Clock.systemUTC());
  }

  WordListStore(UnitOfWork db, Duration cacheTime, Clock clock) {
    this.db = db;
    this.cacheTime = cacheTime;
    this.clock = clock;
  }

  public static UnitOfWork migrated(DataSource dataSource, EntityManagerFactory emf) {
    Migrations.apply(dataSource, WordListStore.class.getClassLoader(), "compliance");
    return new UnitOfWork(emf);
  }

  /** Builds a store on an already migrated unit (tests and benchmarks). */
  public static WordListStore of(UnitOfWork db, Duration cacheTime, Clock clock) {
    return new WordListStore(db, cacheTime, clock);
  }

  /** The workspace's lists compiled, from the cache while it is fresh. */
  public SensitiveWords sensitiveWords(String workspaceId) {
    Instant now = clock.instant();
    Compiled c = compiled.get(workspaceId);
    if (c == null || now.isAfter(c.until())) {
      c = new Compiled(SensitiveWords.compile(sources(workspaceId)), now.plus(cacheTime));
      compiled.put(workspaceId, c);
    }
    return c.words();
  }

  private List<SensitiveWords.Source> sources(String workspaceId) {
    return db.read(
        em ->
            em
                .createQuery(
                    "SELECT w FROM WordListEntity w WHERE w.workspaceId = :ws ORDER BY w.name",
                    WordListEntity.class)
                .setParameter("ws", workspaceId)
                .getResultList()
                .stream()
                .map(
                    w ->
                        new SensitiveWords.Source(
                            w.name, Severity.valueOf(w.severity), lines(w.words)))
                .toList());
  }

  public Page<WordList> list(String workspaceId, PageRequest page) {
    return db.read(
        em ->
            Paging.page(
                em.createQuery(
                        "SELECT w FROM WordListEntity w WHERE w.workspaceId = :ws AND w.name > :after"
                            + " ORDER BY w.name",
                        WordListEntity.class)
                    .setParameter("ws", workspaceId),
                page,
                w -> w.name,
                WordListStore::toWordList));
  }

  /** The version of each of the workspace's lists, by name. */
  public Map<String, Long> versions(String workspaceId) {
    return db.read(
        em -> {
          Map<String, Long> out = new java.util.TreeMap<>();
          for (Object[] row :
              em.createQuery(
                      "SELECT w.name, w.version FROM WordListEntity w WHERE w.workspaceId = :ws",
                      Object[].class)
                  .setParameter("ws", workspaceId)
                  .getResultList()) {
            out.put((String) row[0], ((Number) row[1]).longValue());
          }
          return out;
        });
  }

  public WordList get(String workspaceId, String name) {
    return toWordList(db.read(em -> find(em, workspaceId, checkedName(name))));
  }

  /** The list's words, sorted. */
  public List<String> words(String workspaceId, String name) {
    return lines(db.read(em -> find(em, workspaceId, checkedName(name))).words);
  }

  /** Creates or replaces a list; the words are cleaned and checked (see {@link #clean}). */
  public WordList replace(
      String workspaceId,
      String name,
      Severity severity,
      List<String> words,
      Long expectedVersion) {
    String listName = checkedName(name);
    if (severity == null) {
      throw new ValidationException("severity", "severity is required: BLOCK, WARN or INFO");
    }
    List<String> clean = clean(words);
    Instant now = clock.instant();
    WordList saved =
        db.inTransaction(
            em -> {
              List<WordListEntity> found = query(em, workspaceId, listName);
              if (expectedVersion != null
                  && (found.isEmpty() || found.get(0).version != expectedVersion)) {
                throw new PreconditionFailedException(
                    "the word list was changed by someone else (or removed); reload it");
              }
              WordListEntity e;
              if (found.isEmpty()) {
                e = new WordListEntity();
                e.id = Ids.next();
                e.workspaceId = workspaceId;
                e.name = listName;
                e.createdAt = now;
                em.persist(e);
              } else {
                e = found.get(0);
              }
              e.severity = severity.name();
              e.words = String.join("\n", clean);
              e.wordCount = clean.size();
              e.updatedAt = now;
              em.flush();
              return toWordList(e);
            });
    compiled.remove(workspaceId);
    return saved;
  }

  public void delete(String workspaceId, String name) {
    String listName = checkedName(name);
    db.inTransaction(
        em -> {
          em.remove(find(em, workspaceId, listName));
          return null;
        });
    compiled.remove(workspaceId);
  }

  /**
   * Trims every word, drops blank ones and duplicates (as written), sorts them. A word longer than
   * {@link ComplianceService#MAX_WORD_LENGTH}, a word that folds to nothing (only punctuation or
   * emoji) and more than {@link ComplianceService#MAX_WORDS_PER_LIST} words are refused.
   */
  static List<String> clean(List<String> words) {
    if (words == null) {
      throw new ValidationException("words", "words are required (the list may be empty)");
    }
    TreeSet<String> clean = new TreeSet<>();
    int line = 0;
    for (String raw : words) {
      line++;
      if (raw == null) {
        continue;
      }
      String word = raw.strip();
      if (word.isEmpty()) {
        continue;
      }
      if (word.length() > ComplianceService.MAX_WORD_LENGTH) {
        throw new ValidationException(
            "words",
            "word "
                + line
                + " is longer than "
                + ComplianceService.MAX_WORD_LENGTH
                + " characters");
      }
      if (FoldedText.foldWord(word).isEmpty()) {
        throw new ValidationException(
            "words", "word " + line + " has no letter or digit to match: " + printable(word));
      }
      clean.add(word);
      if (clean.size() > ComplianceService.MAX_WORDS_PER_LIST) {
        throw new ValidationException(
            "words", "a list holds at most " + ComplianceService.MAX_WORDS_PER_LIST + " words");
      }
    }
    return new ArrayList<>(clean);
  }

  private static String printable(String word) {
    StringBuilder out = new StringBuilder();
    word.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                out.append(String.format("\\u%04X", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  static String checkedName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ValidationException(
          "name",
          "a list name is 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter"
              + " or digit");
    }
    return name;
  }

  private static List<WordListEntity> query(EntityManager em, String workspaceId, String name) {
    return em.createQuery(
            "SELECT w FROM WordListEntity w WHERE w.workspaceId = :ws AND w.name = :name",
            WordListEntity.class)
        .setParameter("ws", workspaceId)
        .setParameter("name", name)
        .getResultList();
  }

  private static WordListEntity find(EntityManager em, String workspaceId, String name) {
    List<WordListEntity> found = query(em, workspaceId, name);
    if (found.isEmpty()) {
      throw new NotFoundException("word list", name);
    }
    return found.get(0);
  }

  private static List<String> lines(String words) {
    return words.isEmpty() ? List.of() : Arrays.asList(words.split("\n"));
  }

  private static WordList toWordList(WordListEntity e) {
    return new WordList(
        e.workspaceId, e.name, Severity.valueOf(e.severity), e.wordCount, e.updatedAt, e.version);
  }
}
