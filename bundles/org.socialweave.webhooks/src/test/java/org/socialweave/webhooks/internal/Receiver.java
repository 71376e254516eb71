package org.socialweave.webhooks.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP receiver on a free loopback port that records what it is sent. */
final class Receiver implements AutoCloseable {

  /** One request as it arrived. */
  record Received(Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
  private volatile CountDownLatch stall;

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
          CountDownLatch hold = stall;
          if (hold != null) {
            try {
              hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          Integer status = answers.poll();
          exchange.sendResponseHeaders(status == null ? 200 : status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next requests are answered with these statuses in turn, then 200. */
  void answer(Integer... statuses) {
    answers.addAll(List.of(statuses));
  }

  /** Holds every answer until {@link #release()}, so senders time out. */
  void stall() {
    stall = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch hold = stall;
    stall = null;
    if (hold != null) {
      hold.countDown();
    }
  }

  List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
