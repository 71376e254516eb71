package org.socialweave.sandbox;

import java.net.URI;
import java.time.Instant;

/**
 * An article the WeChat sandbox published (one article per job here, as the connector sends).
 *
 * @param appId the account
 * @param publishId the {@code publish_id} of the job that published it
 * @param msgDataId the {@code msg_data_id} answered at submission
 * @param articleId the {@code article_id}
 * @param url the {@code article_url}
 * @param title the title as sent
 * @param author the author as sent, or empty
 * @param digest the digest as sent, or empty
 * @param content the HTML content as sent
 * @param contentSourceUrl the 阅读原文 link as sent, or empty
 * @param thumbMediaId the cover's permanent material id
 * @param needOpenComment whether comments were opened
 * @param publishedAt when the job finished
 * @param deleted whether it was deleted since
 */
public record WeChatArticle(
    String appId,
    String publishId,
    String msgDataId,
    String articleId,
    URI url,
    String title,
    String author,
    String digest,
    String content,
    String contentSourceUrl,
    String thumbMediaId,
    boolean needOpenComment,
    Instant publishedAt,
    boolean deleted) {

  /** This article, deleted. */
  public WeChatArticle asDeleted() {
    return new WeChatArticle(
        appId,
        publishId,
        msgDataId,
        articleId,
        url,
        title,
        author,
        digest,
        content,
        contentSourceUrl,
        thumbMediaId,
        needOpenComment,
        publishedAt,
        true);
  }
}
