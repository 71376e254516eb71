package org.socialweave.core.internal.audit;

import java.time.Instant;

/** The canonical text an audit hash covers: fields separated and escaped so none can bleed. */
final class AuditChain {

  static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  static String canonical(long seq, Instant at, String... fields) {
    StringBuilder out = new StringBuilder().append(seq).append('|').append(at.toString());
    for (String field : fields) {
      out.append('|');
      if (field == null) {
        out.append("\\0");
      } else {
        out.append(field.replace("\\", "\\\\").replace("|", "\\|"));
      }
    }
    return out.toString();
  }
}
