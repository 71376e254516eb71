package org.socialweave.sandbox;

import java.time.Instant;

/**
 * A status the Weibo sandbox accepted through {@code statuses/share}.
 *
 * @param id the status id (also its {@code idstr} and {@code mid}), a 16-digit number
 * @param uid the author's uid
 * @param clientId the app that shared it
 * @param text the {@code status} text as sent
 * @param shownText the text as Weibo shows and answers it: every URL replaced by a {@code t.cn}
 *     short link
 * @param picType the MIME type of the {@code pic} part, or {@code null} without a picture
 * @param picBytes the size of the picture in bytes, or 0
 * @param rip the {@code rip} (the end user's IP) sent, or {@code null}
 * @param createdAt when it was accepted
 */
public record WeiboStatus(
    String id,
    String uid,
    String clientId,
    String text,
    String shownText,
    String picType,
    long picBytes,
    String rip,
    Instant createdAt) {}
