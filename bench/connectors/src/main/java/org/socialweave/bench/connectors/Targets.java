package org.socialweave.bench.connectors;

import java.util.List;

/** The networks the benchmarks cover: add a connector's {@link BenchTarget} here. */
final class Targets {

  static final List<BenchTarget> ALL =
      List.of(
          new TelegramTarget(),
          new MastodonTarget(),
          new WeChatTarget(),
          new WeiboTarget(),
          new XTarget());

  private Targets() {}
}
