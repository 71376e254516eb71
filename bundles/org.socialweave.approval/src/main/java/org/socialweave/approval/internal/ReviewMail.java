package org.socialweave.approval.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationException;
import org.socialweave.api.notify.NotificationService;
import org.socialweave.approval.internal.persistence.ReviewLinkEntity;

/**
 * The e-mails to an external reviewer: the signed link when it is issued, and the SLA reminders of
 * its stage. A reviewer has no account and so no language setting: each message is in Chinese and
 * English.
 */
final class ReviewMail {

  static final String CHANNEL = "email";
  private static final Logger LOG = LoggerFactory.getLogger(ReviewMail.class);

  private final NotificationService notifications;
  private final String urlTemplate;

  ReviewMail(NotificationService notifications, String urlTemplate) {
    if (!urlTemplate.contains("{token}")) {
      throw new IllegalArgumentException("reviewLinkUrl needs {token}: " + urlTemplate);
    }
    this.notifications = notifications;
    this.urlTemplate = urlTemplate;
  }

  /** Where the reviewer opens the link with this token. */
  URI url(String token) {
    return URI.create(
        urlTemplate.replace("{token}", URLEncoder.encode(token, StandardCharsets.UTF_8)));
  }

  /**
   * E-mails a newly issued link.
   *
   * @return whether it was sent; a missing e-mail channel or a refusing server is logged, and the
   *     issuer then sends the link themselves
   */
  boolean invite(ReviewLinkEntity link, String token, String stageName) {
    String subject = "请审阅 Review requested: " + stageName;
    String text =
        link.name
            + "，您好：请审阅帖子 "
            + link.postId
            + "（版本 "
            + link.revision
            + "）在审批环节“"
            + stageName
            + "”的内容，并在链接中给出您的决定。链接有效期至 "
            + link.expiresAt
            + "。\n\nHello "
            + link.name
            + ", please review post "
            + link.postId
            + " (revision "
            + link.revision
            + ") at the approval stage \""
            + stageName
            + "\" and give your verdict through the link. It is valid until "
            + link.expiresAt
            + ".";
    return send(link, subject, text, token);
  }

  /** E-mails a reminder that the link's stage is due soon or overdue; whether it was sent. */
  boolean remind(ReviewLinkEntity link, String token, String stageName, Instant due, boolean late) {
    String subject = (late ? "审阅已超时 Review overdue: " : "审阅即将超时 Review due soon: ") + stageName;
    String text =
        "帖子 "
            + link.postId
            + "（版本 "
            + link.revision
            + "）在审批环节“"
            + stageName
            + "”等待您的决定，截止时间 "
            + due
            + (late ? "，已经超时。" : "。")
            + "\n\nPost "
            + link.postId
            + " (revision "
            + link.revision
            + ") awaits your verdict at the stage \""
            + stageName
            + "\", due "
            + due
            + (late ? "; it is overdue." : ".");
    return send(link, subject, text, token);
  }

  private boolean send(ReviewLinkEntity link, String subject, String text, String token) {
    try {
      notifications.send(
          CHANNEL,
          new Notification(
              link.workspaceId, List.of(link.email), subject, text, url(token), Locale.CHINESE));
      return true;
    } catch (NotFoundException | NotificationException e) {
      LOG.warn("Review link {} not e-mailed to its reviewer: {}", link.id, e.getMessage());
      return false;
    }
  }
}
