package org.socialweave.api.connector;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.socialweave.api.Page;

/**
 * Talks to one social network. Each network brings its own bundle that registers one instance as an
 * OSGi service with the property {@link #NETWORK_PROPERTY} set to {@link NetworkDescriptor#id()};
 * registries pick connectors up and drop them at runtime.
 *
 * <p>Rules for implementations:
 *
 * <ul>
 *   <li>Thread-safe and stateless per channel: one instance serves every channel of its network;
 *       all per-channel facts arrive in the {@link ChannelContext}.
 *   <li>Failures are thrown as {@link ConnectorException} with the right {@link ErrorKind}; an
 *       answer the connector does not understand is never taken for success.
 *   <li>An operation the connector does not list in {@link NetworkDescriptor#operations()} throws
 *       {@link UnsupportedOperationException} (the defaults here do); callers check first.
 *   <li>Tokens and secrets are never logged and never put in exception messages or raw answers.
 *   <li>Every call ends within the connector's configured timeouts.
 * </ul>
 */
public interface PlatformConnector {

  /** The service property that names the network, e.g. {@code socialweave.platform=weibo}. */
  String NETWORK_PROPERTY = "socialweave.platform";

  /** The network, its limits and the supported operations; constant for the service's life. */
  NetworkDescriptor descriptor();

  /** How channels of this network are connected; constant for the service's life. */
  ConnectFlow connectFlow();

  /**
   * The network's authorization URL for a redirect flow ({@link ConnectMethod#isRedirect()}), with
   * the connector's own client id and scopes.
   *
   * @throws ConnectorException {@link ErrorKind#PERMANENT} when the connector has no client id
   *     configured
   */
  default URI authorizationUrl(AuthorizationRequest request) {
    throw unsupported("authorizationUrl");
  }

  /**
   * Exchanges the code of an OAuth callback for credentials and names the account.
   *
   * @param codeVerifier the PKCE verifier of the {@link AuthorizationRequest}; {@code null} for
   *     {@link ConnectMethod#OAUTH2}
   * @throws ConnectorException {@link ErrorKind#AUTH_REVOKED} when the network refuses the code
   *     ({@code invalid_grant}: expired, used or forged), {@link ErrorKind#TRANSIENT} when it could
   *     not be reached
   */
  default ConnectedAccount completeAuthorization(
      String code, URI redirectUri, String codeVerifier) {
    throw unsupported("completeAuthorization");
  }

  /**
   * Connects through a direct flow with the values of {@link ConnectFlow#fields()}.
   *
   * @throws ConnectorException {@link ErrorKind#AUTH_REVOKED} when the network refuses the values
   *     (wrong secret, password or token), {@link ErrorKind#TRANSIENT} when it could not be reached
   * @throws IllegalArgumentException when a required field is missing or malformed
   */
  default ConnectedAccount connect(Map<String, String> fields) {
    throw unsupported("connect");
  }

  /**
   * Checks the channel's credentials with the network's cheapest authenticated call (getMe,
   * verify_credentials, getProfile) and answers the account as the network names it now, with the
   * channel's current credentials.
   *
   * @throws ConnectorException classified as for any call: {@link ErrorKind#AUTH_EXPIRED}, {@link
   *     ErrorKind#AUTH_REVOKED}, {@link ErrorKind#TRANSIENT}...
   */
  ConnectedAccount verifyCredentials(ChannelContext channel);

  /**
   * Publishes a post, or a thread when {@link PublishRequest#threadParts()} is not empty. The
   * request has been checked against {@link #descriptor()} before; the connector checks again what
   * only it can (its network's text counting) and throws {@link ErrorKind#CONTENT_REJECTED} before
   * sending.
   *
   * @return the published post, or a pending job for networks that publish asynchronously
   * @throws ConnectorException {@link ErrorKind#OUTCOME_UNKNOWN} when the network may have accepted
   *     the post (the caller must then reconcile with {@link #fetchPost})
   */
  PublishResult publish(ChannelContext channel, PublishRequest request);

  /**
   * Follows an asynchronous publish ({@link PublishResult.Status#PENDING}) by the network's job id.
   *
   * @return the result now: still pending, or published
   * @throws ConnectorException {@link ErrorKind#CONTENT_REJECTED} when the network refused the job
   */
  default PublishResult publishStatus(ChannelContext channel, String jobId) {
    throw unsupported("publishStatus");
  }

  /**
   * Deletes a published post. Idempotent: a post that is already gone is not an error.
   *
   * @throws UnsupportedOperationException unless {@link Operation#DELETE} is supported
   */
  default void delete(ChannelContext channel, String platformPostId) {
    throw unsupported("delete");
  }

  /**
   * Looks for a post, by id or by the publish attempt that may have created it, to reconcile after
   * a crash or an {@link ErrorKind#OUTCOME_UNKNOWN}. Answers {@link PostLookup.Outcome#UNKNOWN}
   * when the network cannot tell, rather than guessing.
   */
  PostLookup fetchPost(ChannelContext channel, PostQuery query);

  /**
   * Reads metrics of a post, or of the account when {@code platformPostId} is {@code null}.
   *
   * @return metric name ({@link MetricNames} where they apply) to points, oldest first
   */
  default Map<String, List<MetricPoint>> fetchMetrics(
      ChannelContext channel, String platformPostId) {
    throw unsupported("fetchMetrics");
  }

  /** Reads one page of comments, newest first, with the network's cursor for the next page. */
  default Page<Interaction> fetchComments(ChannelContext channel, InteractionQuery query) {
    throw unsupported("fetchComments");
  }

  /** Reads one page of direct messages, newest first, with the network's cursor for the next. */
  default Page<Interaction> fetchMessages(ChannelContext channel, InteractionQuery query) {
    throw unsupported("fetchMessages");
  }

  /** Answers a comment, message or mention; the result names the answer's id on the network. */
  default PublishResult reply(ChannelContext channel, ReplyRequest request) {
    throw unsupported("reply");
  }

  /**
   * Checks an inbound webhook's signature and freshness over the raw body, answers handshakes, and
   * decrypts the payload where the network encrypts it. Must not throw for a bad call: forged,
   * replayed and malformed calls are verdicts.
   */
  default WebhookVerdict verifyWebhook(ChannelContext channel, WebhookRequest request) {
    throw unsupported("verifyWebhook");
  }

  /**
   * Obtains fresh credentials (OAuth refresh, Bluesky {@code refreshSession}, WeChat {@code
   * stable_token}). The caller stores the result before using it, because networks that rotate
   * refresh tokens (X, Bluesky) invalidate the old one.
   *
   * <p>The returned credentials never lose a refresh token: when the network's answer carries no
   * new one, the current refresh token is kept (see {@link Credentials#refreshed}); an empty
   * refresh token cannot even be built.
   *
   * @throws ConnectorException {@link ErrorKind#AUTH_REVOKED} when the grant is gone (OAuth {@code
   *     invalid_grant}: reconnect needed), {@link ErrorKind#TRANSIENT} when the network could not
   *     be reached (keep the current credentials and try again)
   */
  default Credentials refreshCredentials(ChannelContext channel) {
    throw unsupported("refreshCredentials");
  }

  private UnsupportedOperationException unsupported(String operation) {
    return new UnsupportedOperationException(descriptor().id() + " does not support " + operation);
  }
}
