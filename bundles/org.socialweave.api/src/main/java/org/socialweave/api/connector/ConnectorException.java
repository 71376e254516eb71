package org.socialweave.api.connector;

import java.time.Instant;

/**
 * A classified failure of a call to a network. Connectors throw only this (or {@link
 * UnsupportedOperationException} for an operation they do not declare); an unexpected answer is
 * {@link ErrorKind#TRANSIENT}, {@link ErrorKind#PERMANENT} or {@link ErrorKind#OUTCOME_UNKNOWN},
 * never a crash and never a silent success.
 *
 * <p>{@link #rawResponse()} keeps the network's answer for support. The connector redacts secrets
 * from it (tokens echoed back, signed URLs) before building the exception; it is cut to {@value
 * #MAX_RAW_RESPONSE_LENGTH} characters.
 */
public class ConnectorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The longest raw answer kept; longer ones are truncated. */
  public static final int MAX_RAW_RESPONSE_LENGTH = 8192;

  private final ErrorKind kind;
  private final String networkId;
  private final String networkCode;
  private final String networkMessage;
  private final String rawResponse;
  private final Instant retryAfter;

  protected ConnectorException(Builder b) {
    super(describe(b), b.cause);
    this.kind = b.kind;
    this.networkId = b.networkId;
    this.networkCode = b.networkCode;
    this.networkMessage = b.networkMessage;
    this.rawResponse = truncate(b.rawResponse);
    this.retryAfter = b.retryAfter;
  }

  /** The class of the failure; never {@code null}. */
  public ErrorKind kind() {
    return kind;
  }

  /** The {@link NetworkDescriptor#id()} of the network that failed; never {@code null}. */
  public String networkId() {
    return networkId;
  }

  /**
   * The network's own error code as it sent it ({@code "45009"}, {@code "ExpiredToken"}, {@code
   * "429"}), or {@code null}.
   */
  public String networkCode() {
    return networkCode;
  }

  /** The network's own message or reason, or {@code null}. */
  public String networkMessage() {
    return networkMessage;
  }

  /**
   * The network's answer with secrets redacted, at most {@value #MAX_RAW_RESPONSE_LENGTH}
   * characters, or {@code null}.
   */
  public String rawResponse() {
    return rawResponse;
  }

  /**
   * The earliest time a retry makes sense: the limit's reset for {@link ErrorKind#RATE_LIMITED} and
   * {@link ErrorKind#QUOTA_EXHAUSTED} (always set), a {@code Retry-After} for others, or {@code
   * null}.
   */
  public Instant retryAfter() {
    return retryAfter;
  }

  /**
   * Whether the same request may be sent again unchanged, at or after {@link #retryAfter()} when
   * set: true for {@link ErrorKind#TRANSIENT} (with backoff), {@link ErrorKind#RATE_LIMITED} and
   * {@link ErrorKind#QUOTA_EXHAUSTED} (after the reset). False for everything else, notably {@link
   * ErrorKind#OUTCOME_UNKNOWN} (reconcile first) and {@link ErrorKind#AUTH_EXPIRED} (refresh
   * first); see {@link ErrorKind#retryPolicy()}.
   */
  public boolean isRetryable() {
    ErrorKind.RetryPolicy policy = kind.retryPolicy();
    return policy == ErrorKind.RetryPolicy.BACKOFF || policy == ErrorKind.RetryPolicy.AFTER_RESET;
  }

  /** Whether a retry is allowed at {@code now}: retryable and past {@link #retryAfter()}. */
  public boolean isRetryableAt(Instant now) {
    return isRetryable() && (retryAfter == null || !now.isBefore(retryAfter));
  }

  // ---- factories, one per kind ----

  public static ConnectorException authExpired(
      String networkId, String networkCode, String rawResponse) {
    return builder(ErrorKind.AUTH_EXPIRED, networkId)
        .networkCode(networkCode)
        .rawResponse(rawResponse)
        .build();
  }

  public static ConnectorException authRevoked(
      String networkId, String networkCode, String rawResponse) {
    return builder(ErrorKind.AUTH_REVOKED, networkId)
        .networkCode(networkCode)
        .rawResponse(rawResponse)
        .build();
  }

  /**
   * @param resetAt when the limit resets; estimate conservatively if the network does not say
   */
  public static ConnectorException rateLimited(
      String networkId, Instant resetAt, String networkCode, String rawResponse) {
    return builder(ErrorKind.RATE_LIMITED, networkId)
        .retryAfter(resetAt)
        .networkCode(networkCode)
        .rawResponse(rawResponse)
        .build();
  }

  /**
   * @param resetAt when the quota resets; estimate conservatively if the network does not say
   */
  public static ConnectorException quotaExhausted(
      String networkId, Instant resetAt, String networkCode, String rawResponse) {
    return builder(ErrorKind.QUOTA_EXHAUSTED, networkId)
        .retryAfter(resetAt)
        .networkCode(networkCode)
        .rawResponse(rawResponse)
        .build();
  }

  public static ConnectorException contentRejected(
      String networkId, String reasonCode, String reasonMessage, String rawResponse) {
    return builder(ErrorKind.CONTENT_REJECTED, networkId)
        .networkCode(reasonCode)
        .networkMessage(reasonMessage)
        .rawResponse(rawResponse)
        .build();
  }

  public static ConnectorException duplicate(
      String networkId, String networkCode, String rawResponse) {
    return builder(ErrorKind.DUPLICATE, networkId)
        .networkCode(networkCode)
        .rawResponse(rawResponse)
        .build();
  }

  public static ConnectorException mediaRejected(
      String networkId, String networkCode, String networkMessage, String rawResponse) {
    return builder(ErrorKind.MEDIA_REJECTED, networkId)
        .networkCode(networkCode)
        .networkMessage(networkMessage)
        .rawResponse(rawResponse)
        .build();
  }

  /** ({@code transient} is a Java keyword.) */
  public static ConnectorException transientFailure(
      String networkId, String message, Throwable cause) {
    return builder(ErrorKind.TRANSIENT, networkId).networkMessage(message).cause(cause).build();
  }

  public static ConnectorException permanent(
      String networkId, String networkCode, String networkMessage, String rawResponse) {
    return builder(ErrorKind.PERMANENT, networkId)
        .networkCode(networkCode)
        .networkMessage(networkMessage)
        .rawResponse(rawResponse)
        .build();
  }

  public static ConnectorException outcomeUnknown(
      String networkId, String message, Throwable cause) {
    return builder(ErrorKind.OUTCOME_UNKNOWN, networkId)
        .networkMessage(message)
        .cause(cause)
        .build();
  }

  /** A builder for any kind, for the fields the factories do not take. */
  public static Builder builder(ErrorKind kind, String networkId) {
    return new Builder(kind, networkId);
  }

  /** Builds a {@link ConnectorException}; {@link #build()} checks the invariants. */
  public static final class Builder {
    private final ErrorKind kind;
    private final String networkId;
    private String networkCode;
    private String networkMessage;
    private String rawResponse;
    private Instant retryAfter;
    private Throwable cause;

    private Builder(ErrorKind kind, String networkId) {
      this.kind = kind;
      this.networkId = networkId;
    }

    public Builder networkCode(String value) {
      this.networkCode = value;
      return this;
    }

    public Builder networkMessage(String value) {
      this.networkMessage = value;
      return this;
    }

    /** The network's answer, already redacted by the connector. */
    public Builder rawResponse(String value) {
      this.rawResponse = value;
      return this;
    }

    public Builder retryAfter(Instant value) {
      this.retryAfter = value;
      return this;
    }

    public Builder cause(Throwable value) {
      this.cause = value;
      return this;
    }

    public ConnectorException build() {
      if (kind == null) {
        throw new IllegalArgumentException("kind is required");
      }
      if (networkId == null || networkId.isBlank()) {
        throw new IllegalArgumentException("networkId is required");
      }
      if (kind.requiresRetryAfter() && retryAfter == null) {
        throw new IllegalArgumentException(kind + " needs the reset time (retryAfter)");
      }
      return new ConnectorException(this);
    }
  }

  private static String describe(Builder b) {
    StringBuilder s = new StringBuilder().append(b.networkId).append(": ").append(b.kind);
    if (b.networkCode != null) {
      s.append(" [").append(b.networkCode).append(']');
    }
    if (b.networkMessage != null) {
      s.append(' ').append(b.networkMessage);
    }
    if (b.retryAfter != null) {
      s.append(" (retry after ").append(b.retryAfter).append(')');
    }
    return s.toString();
  }

  private static String truncate(String raw) {
    if (raw == null || raw.length() <= MAX_RAW_RESPONSE_LENGTH) {
      return raw;
    }
    String marker = "...[truncated]";
    return raw.substring(0, MAX_RAW_RESPONSE_LENGTH - marker.length()) + marker;
  }
}
