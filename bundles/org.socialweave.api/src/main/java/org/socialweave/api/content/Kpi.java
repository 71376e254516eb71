package org.socialweave.api.content;

/**
 * The measurable key figure a campaign's goal is set on. A fixed list rather than free text, so
 * that analytics can compute progress against the target; what the figure means for the business
 * goes in the campaign's objective.
 */
public enum Kpi {
  /** Interactions per impression, in percent. */
  ENGAGEMENT_RATE,
  /** Distinct accounts reached. */
  REACH,
  /** Times the posts were shown. */
  IMPRESSIONS,
  /** Followers gained. */
  FOLLOWERS,
  /** Clicks on the posts' links. */
  CLICKS,
  /** Conversions attributed to the posts' links. */
  CONVERSIONS
}
