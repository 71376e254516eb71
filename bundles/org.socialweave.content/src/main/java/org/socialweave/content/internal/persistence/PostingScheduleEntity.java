package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * A row of {@code sw_posting_schedule}; see {@link org.socialweave.api.content.PostingSchedule}.
 */
@Entity
@Table(name = "sw_posting_schedule")
public class PostingScheduleEntity {
  @Id
  @Column(name = "channel_id")
  public String channelId;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "time_zone")
  public String timeZone;

  /** A JSON array of {@code {"day":"MONDAY","time":"09:30"}}. */
  public String slots;

  @Column(name = "updated_by")
  public String updatedBy;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
