package org.socialweave.sandbox.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import org.socialweave.sandbox.Fault;

/**
 * The HTTP side all simulated networks share: answering an exchange, and playing the faults that
 * wrap a call. The wire format (envelopes, status codes) stays in each network's simulator.
 */
abstract class Simulator implements HttpHandler {

  /** Every call that reached the simulator; {@link #answer} counts them per key too. */
  final RequestCounter requests = new RequestCounter();

  /** The answer to one call, in the network's wire format. */
  abstract Answer answer(HttpExchange exchange) throws IOException, InterruptedException;

  /** How the network answers a call the simulator failed on. */
  abstract Answer internalError(RuntimeException e);

  /** How many calls reached the simulator, whatever their key or answer. */
  public long requestCount() {
    return requests.total();
  }

  /** How many calls reached the simulator with {@code key}. */
  public long requestCount(String key) {
    return requests.of(key);
  }

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    requests.countCall();
    try (exchange) {
      Answer answer;
      try {
        answer = answer(exchange);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer = Answer.DROP;
      } catch (RuntimeException e) {
        answer = internalError(e);
      }
      if (answer.status() == 0) {
        // Closing an exchange whose headers were never sent closes the connection: the client
        // sees no answer at all.
        return;
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      if (answer.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /**
   * Makes {@code call} under {@code fault} ({@code null}: none). {@link Fault.Type#DELAY} and
   * {@link Fault.Type#ACCEPT_THEN_DROP} make the call as usual and then delay or drop its answer,
   * the same on every network; every other fault is answered instead of the call by {@code
   * failure}, in the network's format.
   */
  static Answer play(Fault fault, Supplier<Answer> call, Function<Fault, Answer> failure)
      throws InterruptedException {
    if (fault == null) {
      return call.get();
    }
    switch (fault.type()) {
      case DELAY:
        {
          Answer answer = call.get();
          Thread.sleep(fault.delay().toMillis());
          return answer;
        }
      case ACCEPT_THEN_DROP:
        call.get();
        return Answer.DROP;
      default:
        return failure.apply(fault);
    }
  }
}
