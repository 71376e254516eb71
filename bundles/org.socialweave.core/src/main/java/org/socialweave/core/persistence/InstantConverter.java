package org.socialweave.core.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import javax.persistence.AttributeConverter;
import javax.persistence.Converter;

/**
 * JPA 2.2 has no {@link Instant}; columns are {@code TIMESTAMP WITH TIME ZONE}, so a {@link
 * Timestamp} round-trips the same instant whatever the JVM's default zone is.
 *
 * <p>The database side is typed {@code Object} on purpose: EclipseLink hands over whatever the
 * driver's {@code getObject} returns, which is a {@link Timestamp} on PostgreSQL but an {@link
 * OffsetDateTime} on H2 2.x. With a {@code Timestamp} type parameter the compiler's bridge method
 * would cast and fail on H2 before this code runs.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Object> {

  @Override
  public Object convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  @Override
  public Instant convertToEntityAttribute(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof OffsetDateTime offsetDateTime) {
      return offsetDateTime.toInstant();
    }
    if (value instanceof ZonedDateTime zonedDateTime) {
      return zonedDateTime.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof LocalDateTime local) {
      // What a driver returns for a column without a zone: read like a Timestamp would be.
      return Timestamp.valueOf(local).toInstant();
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant();
    }
    throw new IllegalArgumentException(
        "cannot read an instant from a " + value.getClass().getName());
  }
}
