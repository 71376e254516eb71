package org.socialweave.api.media;

/**
 * Why a network would refuse a media asset, found before anything is scheduled.
 *
 * @param rule a stable identifier of the broken rule: {@code type}, {@code no-images}, {@code
 *     no-videos}, {@code size}, {@code dimensions}, {@code aspect-ratio}, {@code duration}, {@code
 *     video-codec}, {@code audio-codec} or {@code unknown-dimensions}
 * @param detail what is wrong and what the network takes, for people
 */
public record MediaProblem(String rule, String detail) {}
