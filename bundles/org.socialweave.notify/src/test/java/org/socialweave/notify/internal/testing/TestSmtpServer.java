package org.socialweave.notify.internal.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.helper.SimpleMessageListenerAdapter;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server (SubethaSMTP) on loopback that keeps every message it accepts: plain, with a
 * login, or refusing mail until the client upgrades with STARTTLS (its certificate, for localhost
 * and 127.0.0.1, is in this package's {@code smtp-localhost.p12}).
 */
public final class TestSmtpServer implements AutoCloseable {

  /** A message as the server received it. */
  public record Received(String envelopeFrom, String envelopeTo, MimeMessage message) {

    /** The decoded text of a single-part message (the notifier sends text/plain). */
    public String body() {
      try {
        return message.getContent().toString();
      } catch (IOException | MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final String KEYSTORE = "smtp-localhost.p12";
  private static final char[] KEYSTORE_PASSWORD = "test-only".toCharArray();

  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final SMTPServer server;
  private final int port;

  private TestSmtpServer(AuthenticationHandlerFactory login, SSLContext tls) {
    port = freePort();
    server =
        new SMTPServer(new SimpleMessageListenerAdapter(new Keeper()), login) {
          @Override
          public SSLSocket createSSLSocket(Socket socket) throws IOException {
            InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
            SSLSocket upgraded =
                (SSLSocket)
                    tls.getSocketFactory()
                        .createSocket(socket, remote.getHostString(), socket.getPort(), true);
            upgraded.setUseClientMode(false);
            return upgraded;
          }
        };
    server.setBindAddress(InetAddress.getLoopbackAddress());
    server.setPort(port);
    if (tls != null) {
      server.setEnableTLS(true);
      server.setRequireTLS(true);
    }
    server.start();
  }

  /** Plain SMTP without a login. */
  public static TestSmtpServer plain() {
    return new TestSmtpServer(null, null);
  }

  /** Plain SMTP that takes mail only after a login with this user and password. */
  public static TestSmtpServer withLogin(String user, String password) {
    return new TestSmtpServer(
        new EasyAuthenticationHandlerFactory(
            (u, p) -> {
              if (!user.equals(u) || !password.equals(p)) {
                throw new LoginFailedException();
              }
            }),
        null);
  }

  /** SMTP that answers every command but EHLO, STARTTLS and QUIT with 530 until TLS is on. */
  public static TestSmtpServer requiringStartTls() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore(), KEYSTORE_PASSWORD);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), null, null);
      return new TestSmtpServer(null, tls);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS context whose only trusted certificate is this server's, as a client's trust store. */
  public static SSLContext trustingTheServer() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(keyStore());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  /** What was received for this envelope recipient. */
  public List<Received> to(String address) {
    return received.stream().filter(r -> r.envelopeTo().equals(address)).toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Keeper implements SimpleMessageListener {
    @Override
    public boolean accept(String from, String recipient) {
      return true;
    }

    @Override
    public void deliver(String from, String recipient, InputStream data) throws IOException {
      try {
        received.add(
            new Received(
                from,
                recipient,
                new MimeMessage(
                    Session.getInstance(new Properties()),
                    new ByteArrayInputStream(data.readAllBytes()))));
      } catch (MessagingException e) {
        throw new IOException(e);
      }
    }
  }

  private static KeyStore keyStore() throws GeneralSecurityException {
    try (InputStream in = TestSmtpServer.class.getResourceAsStream(KEYSTORE)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, KEYSTORE_PASSWORD);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
