package org.socialweave.sandbox.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The HTTP server behind {@link org.socialweave.sandbox.Sandbox}; 127.0.0.1 only. */
public final class SandboxServer {

  private final HttpServer server;
  private final ExecutorService executor;
  private final TelegramSimulator telegram;
  private final MastodonSimulator mastodon;
  private final WeChatSimulator wechat;
  private final XSimulator x;
  private final WeiboSimulator weibo;
  private final BlueskySimulator bluesky;
  private final URI baseUrl;

  private SandboxServer(
      HttpServer server,
      ExecutorService executor,
      TelegramSimulator telegram,
      MastodonSimulator mastodon,
      WeChatSimulator wechat,
      XSimulator x,
      WeiboSimulator weibo,
      BlueskySimulator bluesky) {
    this.server = server;
    this.executor = executor;
    this.telegram = telegram;
    this.mastodon = mastodon;
    this.wechat = wechat;
    this.x = x;
    this.weibo = weibo;
    this.bluesky = bluesky;
    this.baseUrl = baseUrl(server);
  }

  private static URI baseUrl(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public static SandboxServer start(int port) throws IOException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sandbox-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    TelegramSimulator telegram = new TelegramSimulator();
    MastodonSimulator mastodon = new MastodonSimulator(baseUrl(server));
    WeiboSimulator weibo = new WeiboSimulator(baseUrl(server));
    server.createContext("/", telegram);
    // The longest matching context wins: Mastodon instances live under /mastodon/<instance>.
    server.createContext(MastodonSimulator.PREFIX, mastodon);
    WeChatSimulator wechat = new WeChatSimulator(baseUrl(server));
    server.createContext(WeChatSimulator.PREFIX + "/", wechat);
    XSimulator x = new XSimulator(baseUrl(server));
    server.createContext(XSimulator.PREFIX, x);
    server.createContext(WeiboSimulator.PREFIX, weibo);
    BlueskySimulator bluesky = new BlueskySimulator(baseUrl(server));
    server.createContext(BlueskySimulator.PREFIX, bluesky);
    server.setExecutor(executor);
    server.start();
    return new SandboxServer(server, executor, telegram, mastodon, wechat, x, weibo, bluesky);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public TelegramSimulator telegram() {
    return telegram;
  }

  public MastodonSimulator mastodon() {
    return mastodon;
  }

  public WeChatSimulator wechat() {
    return wechat;
  }

  public XSimulator x() {
    return x;
  }

  public WeiboSimulator weibo() {
    return weibo;
  }

  public BlueskySimulator bluesky() {
    return bluesky;
  }

  public void close() {
    wechat.close();
    server.stop(0);
    executor.shutdownNow();
  }
}
