package org.socialweave.bench.compliance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.Severity;
import org.socialweave.compliance.internal.AllChecks;
import org.socialweave.compliance.internal.ComplianceServiceImpl;
import org.socialweave.compliance.internal.Configs;
import org.socialweave.compliance.internal.words.SensitiveWordCheck;
import org.socialweave.compliance.internal.words.SensitiveWords;

/**
 * The full check chain ({@link ComplianceServiceImpl#check(String, CheckSubject)} with every check
 * of the bundle and {@value #WORDS} sensitive words), the sensitive-word automaton alone, and a
 * naive {@code String.contains} loop over the same words, on 500-character posts; plus the chain on
 * one 100,000-character text.
 */
@State(Scope.Benchmark)
public class CheckBenchmark {

  static final int WORDS = 20_000;
  static final int POST_LENGTH = 500;
  static final int POSTS = 64;
  static final int LARGE_LENGTH = 100_000;

  private static final String[] SENTENCES = {
    "这款面霜质地轻薄，上脸很快吸收，适合混合肌在夏天使用。",
    "全网最低价，限时三天，手慢无！",
    "最近天气转凉，第一次尝试这个颜色的口红，效果意外地好。",
    "首先感谢大家的支持，我们会继续努力做得更好。",
    "本品不能代替药物，请遵医嘱。",
    "活动期间下单即送小样一份，数量有限送完即止。",
    "品牌创立于1998年，是当年第一家做有机茶的企业。",
    "联系客服请拨打 400-820-8820，工作日 9:00-18:00。",
    "Our new collection is made with 60% recycled polyester and ships in plastic-free boxes.",
    "The best coffee in town, now with oat milk at no extra cost.",
    "Follow us for weekly tips on skincare and #selfcare routines.",
    "新品上市，欢迎到店体验，地址见主页。",
    "喝了就能根治失眠？不，我们只说它好喝。",
    "这次合作的达人们都很用心，视频拍得非常好看。",
    "立即扫码关注，领取新人专享优惠券。",
    "有任何问题欢迎在评论区留言，我们会尽快回复。",
  };

  private ComplianceServiceImpl chain;
  private SensitiveWordCheck wordsOnly;
  private String[] words;
  private CheckSubject[] posts;
  private CheckSubject large;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    List<String> list = new ArrayList<>(WORDS);
    while (list.size() < WORDS - 2) {
      list.add(random.nextInt(10) < 7 ? han(random) : latin(random));
    }
    list.add("代开发票");
    list.add("casino");
    words = list.toArray(String[]::new);
    SensitiveWords compiled =
        SensitiveWords.compile(List.of(new SensitiveWords.Source("bench", Severity.BLOCK, list)));
    wordsOnly = new SensitiveWordCheck(workspace -> compiled);
    // The store and the audit log only serve word-list changes, which the benchmark does not make.
    chain =
        new ComplianceServiceImpl(null, null, id -> java.util.Optional.of(id), Configs.DEFAULTS);
    AllChecks.create(workspace -> compiled).forEach(chain::addCheck);
    posts = new CheckSubject[POSTS];
    for (int i = 0; i < POSTS; i++) {
      posts[i] = CheckSubject.ofText(text(random, POST_LENGTH));
    }
    large = CheckSubject.ofText(text(random, LARGE_LENGTH));
  }

  private static String han(Random random) {
    StringBuilder w = new StringBuilder();
    int length = 2 + random.nextInt(3);
    for (int i = 0; i < length; i++) {
      // The 3,500 most common characters lie mostly in this band of the CJK block.
      w.append((char) (0x4E00 + random.nextInt(0x5000)));
    }
    return w.toString();
  }

  private static String latin(Random random) {
    StringBuilder w = new StringBuilder();
    int length = 4 + random.nextInt(7);
    for (int i = 0; i < length; i++) {
      w.append((char) ('a' + random.nextInt(26)));
    }
    return w.toString();
  }

  private static String text(Random random, int length) {
    StringBuilder t = new StringBuilder(length + 100);
    while (t.length() < length) {
      t.append(SENTENCES[random.nextInt(SENTENCES.length)]);
      if (random.nextInt(8) == 0) {
        t.append(" 代 开 发 票 ");
      }
    }
    return t.substring(0, length);
  }

  /** The average UTF-8 size of one post, for MB/s. */
  static double postBytes() {
    CheckBenchmark b = new CheckBenchmark();
    b.setUp();
    long bytes = 0;
    for (CheckSubject p : b.posts) {
      bytes += p.text().getBytes(StandardCharsets.UTF_8).length;
    }
    return (double) bytes / POSTS;
  }

  static double largeBytes() {
    CheckBenchmark b = new CheckBenchmark();
    b.setUp();
    return b.large.text().getBytes(StandardCharsets.UTF_8).length;
  }

  private CheckSubject nextPost() {
    CheckSubject p = posts[next];
    next = (next + 1) & (POSTS - 1);
    return p;
  }

  @Benchmark
  public CheckReport fullChain() {
    return chain.check("bench", nextPost());
  }

  @Benchmark
  public int sensitiveWordsOnly() {
    return wordsOnly.check(nextPost(), new CheckContext("bench")).size();
  }

  @Benchmark
  public int naiveContains() {
    String text = nextPost().text();
    int hits = 0;
    for (String w : words) {
      if (text.contains(w)) {
        hits++;
      }
    }
    return hits;
  }

  @Benchmark
  public CheckReport fullChainLargeText() {
    return chain.check("bench", large);
  }
}
