package org.socialweave.core.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;
import org.socialweave.api.Workspace;

@Entity
@Table(name = "sw_workspace")
public class WorkspaceEntity {
  @Id public String id;
  public String slug;
  public String name;

  @Column(name = "time_zone")
  public String timeZone;

  @Column(name = "created_at")
  public Instant createdAt;

  @Version public long version;

  public Workspace toRecord() {
    return new Workspace(id, slug, name, timeZone, createdAt, version);
  }
}
