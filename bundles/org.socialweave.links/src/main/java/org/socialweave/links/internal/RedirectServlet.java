package org.socialweave.links.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The redirector at {@code /s/{code}}: a plain whiteboard servlet, not JAX-RS, so a redirect costs
 * one map lookup and one journal write. It answers {@code 302 Found}, not 301: browsers and proxies
 * keep a 301 for good and would send later clicks straight to the target, uncounted.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("socialweave-short-links")
@HttpWhiteboardServletPattern(RedirectServlet.PATTERN)
public class RedirectServlet extends HttpServlet {

  static final String PATTERN = "/s/*";

  private static final long serialVersionUID = 1L;
  private static final byte[] NOT_FOUND_PAGE =
      ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Link not found</title>"
              + "</head><body><h1>Link not found</h1><p>This short link does not exist. Check that"
              + " it was copied completely.</p></body></html>")
          .getBytes(StandardCharsets.UTF_8);

  private final transient LinkServiceImpl links;
  private final transient ClickRecorder recorder;

  @Activate
  public RedirectServlet(@Reference LinkServiceImpl links, @Reference ClickRecorder recorder) {
    this.links = links;
    this.recorder = recorder;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    redirect(request, response);
  }

  @Override
  protected void doHead(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    redirect(request, response);
  }

  private void redirect(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    String code = path == null || path.length() < 2 ? null : path.substring(1);
    Optional<ResolvedLink> link = Codes.plausible(code) ? links.resolve(code) : Optional.empty();
    if (link.isEmpty()) {
      notFound(request, response);
      return;
    }
    recorder.record(
        new Click(
            link.get().linkId(),
            System.currentTimeMillis(),
            BotDetector.classify(
                request.getMethod(),
                request.getHeader("User-Agent"),
                request.getHeader("Sec-Purpose"),
                request.getHeader("Purpose"),
                request.getHeader("X-Purpose"),
                request.getHeader("X-Moz")),
            ClickStore.refererHost(request.getHeader("Referer"))));
    response.setStatus(HttpServletResponse.SC_FOUND);
    response.setHeader("Location", link.get().location());
    // Every click must reach us to be counted; the target itself may be cached as it likes.
    response.setHeader("Cache-Control", "private, no-store");
    response.setHeader("Referrer-Policy", "unsafe-url");
    response.setContentLength(0);
  }

  private static void notFound(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType("text/html;charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(NOT_FOUND_PAGE.length);
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(NOT_FOUND_PAGE);
    }
  }
}
