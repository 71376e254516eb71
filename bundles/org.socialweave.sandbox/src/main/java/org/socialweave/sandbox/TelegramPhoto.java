package org.socialweave.sandbox;

/**
 * A photo the Telegram sandbox received in a {@code multipart/form-data} upload.
 *
 * @param filename the part's file name, or {@code null}
 * @param mimeType the part's {@code Content-Type}, or {@code null}
 * @param sizeBytes the number of bytes uploaded
 */
public record TelegramPhoto(String filename, String mimeType, long sizeBytes) {}
