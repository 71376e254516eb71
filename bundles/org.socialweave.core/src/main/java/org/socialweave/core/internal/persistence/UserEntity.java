package org.socialweave.core.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;
import org.socialweave.api.User;

@Entity
@Table(name = "sw_user")
public class UserEntity {
  @Id public String id;
  public String username;

  @Column(name = "display_name")
  public String displayName;

  public String email;

  @Column(name = "password_hash")
  public String passwordHash;

  @Column(name = "system_admin")
  public boolean systemAdmin;

  public boolean disabled;

  @Column(name = "failed_logins")
  public int failedLogins;

  @Column(name = "locked_until")
  public Instant lockedUntil;

  @Column(name = "created_at")
  public Instant createdAt;

  @Version public long version;

  public User toRecord() {
    return new User(id, username, displayName, email, systemAdmin, disabled, createdAt, version);
  }
}
