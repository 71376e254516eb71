package org.socialweave.bench.compliance;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link CheckBenchmark} twice (throughput, then sampled latency) on one thread and prints
 * ops/s, MB/s of UTF-8 text and p50/p99 latency per benchmark. Arguments: warmup iterations,
 * measurement iterations, seconds per iteration (defaults 2, 3, 3).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Map<String, double[]> rows = new TreeMap<>();
    for (Mode mode : new Mode[] {Mode.Throughput, Mode.SampleTime}) {
      Options options =
          new OptionsBuilder()
              .include(CheckBenchmark.class.getName())
              .mode(mode)
              .timeUnit(mode == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.MICROSECONDS)
              .warmupIterations(warmups)
              .warmupTime(TimeValue.seconds(seconds))
              .measurementIterations(iterations)
              .measurementTime(TimeValue.seconds(seconds))
              .forks(1)
              .threads(1)
              .jvmArgs("-Xms512m", "-Xmx512m")
              .build();
      Collection<RunResult> results = new Runner(options).run();
      for (RunResult r : results) {
        String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
        double[] row = rows.computeIfAbsent(name, k -> new double[3]);
        if (mode == Mode.Throughput) {
          row[0] = r.getPrimaryResult().getScore();
        } else {
          row[1] = r.getPrimaryResult().getStatistics().getPercentile(50);
          row[2] = r.getPrimaryResult().getStatistics().getPercentile(99);
        }
      }
    }
    double post = CheckBenchmark.postBytes();
    double large = CheckBenchmark.largeBytes();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%n%d sensitive words; posts of %d chars (%.0f UTF-8 bytes on average); large text %d chars%n",
            CheckBenchmark.WORDS,
            CheckBenchmark.POST_LENGTH,
            post,
            CheckBenchmark.LARGE_LENGTH));
    out.append(
        String.format(
            Locale.ROOT,
            "%-20s %12s %10s %10s %10s%n",
            "benchmark",
            "ops/s",
            "MB/s",
            "p50 us",
            "p99 us"));
    for (Map.Entry<String, double[]> e : rows.entrySet()) {
      double bytes = e.getKey().equals("fullChainLargeText") ? large : post;
      double[] v = e.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              "%-20s %12.0f %10.2f %10.1f %10.1f%n",
              e.getKey(),
              v[0],
              v[0] * bytes / 1_000_000,
              v[1],
              v[2]));
    }
    LoggerFactory.getLogger(BenchMain.class).info("{}", out);
  }
}
