package org.socialweave.sandbox;

import java.io.IOException;
import java.net.URI;
import org.socialweave.sandbox.internal.SandboxServer;

/**
 * The network sandbox: one HTTP server on 127.0.0.1 that simulates the networks' APIs. Start it
 * with {@link #start(int)} (port 0 picks a free port), point a connector at {@link #baseUrl()}, and
 * {@link #close()} it when done.
 *
 * <p>Run on its own: {@code java -cp ... org.socialweave.sandbox.Sandbox [port] [botToken [chatId
 * [chatUsername]]]}.
 */
public final class Sandbox implements AutoCloseable {

  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final SandboxServer server;

  private Sandbox(SandboxServer server) {
    this.server = server;
  }

  /** Starts a sandbox on 127.0.0.1:{@code port}; 0 picks a free port. */
  public static Sandbox start(int port) throws IOException {
    // Without TCP_NODELAY the JDK server's small answers meet the client's delayed ACKs: every call
    // stalls about 40 ms (measured in bench/connectors). Read once, when the first server starts.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    return new Sandbox(SandboxServer.start(port));
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  public URI baseUrl() {
    return server.baseUrl();
  }

  /** The simulated Telegram Bot API. */
  public TelegramSandbox telegram() {
    return server.telegram();
  }

  /**
   * The simulated Mastodon REST API; each instance has its own base URL under {@code
   * <baseUrl>/mastodon/<instance>} (see {@link MastodonSandbox#addInstance}).
   */
  public MastodonSandbox mastodon() {
    return server.mastodon();
  }

  /**
   * The simulated WeChat Official Account API under {@code <baseUrl>/wechat} (see {@link
   * WeChatSandbox}).
   */
  public WeChatSandbox wechat() {
    return server.wechat();
  }

  /** The simulated X API v2 under {@code <baseUrl>/x} (see {@link XSandbox}). */
  public XSandbox x() {
    return server.x();
  }

  /**
   * The simulated Sina Weibo Open Platform (OAuth 2.0 and API v2) under {@link
   * WeiboSandbox#baseUrl()}, {@code <baseUrl>/weibo}.
   */
  public WeiboSandbox weibo() {
    return server.weibo();
  }

  /**
   * The simulated Bluesky PDS: XRPC at {@code <baseUrl>/bluesky/xrpc/<nsid>} (see {@link
   * BlueskySandbox}).
   */
  public BlueskySandbox bluesky() {
    return server.bluesky();
  }

  /** Stops the server at once; calls in flight are cut off. */
  @Override
  public void close() {
    server.close();
  }

  /** Runs the sandbox until the process is stopped. */
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
    Sandbox sandbox = start(port);
    if (args.length > 1) {
      sandbox.telegram().addBot(args[1], "sandbox_bot");
    }
    if (args.length > 2) {
      sandbox.telegram().addChat(Long.parseLong(args[2]), args.length > 3 ? args[3] : null);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
    System.out.println("SocialWeave sandbox listening on " + sandbox.baseUrl());
  }
}
