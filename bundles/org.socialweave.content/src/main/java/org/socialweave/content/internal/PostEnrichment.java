package org.socialweave.content.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.links.LinkAttribution;
import org.socialweave.api.links.LinkService;
import org.socialweave.api.links.Utm;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaLibrary;
import org.socialweave.api.media.MediaProblem;
import org.socialweave.content.internal.persistence.PostEntity;
import org.socialweave.content.internal.persistence.VariantEntity;

/**
 * What a post carries besides its text: media per channel checked against each network's rules,
 * hashtags and mentions in each network's syntax, and the tracked short links with UTM parameters
 * that replace the links of each variant's text.
 */
@Component(service = PostEnrichment.class)
public class PostEnrichment {

  static final int MAX_MEDIA = 20;
  static final int MAX_TAGS = 30;
  static final int MAX_MENTIONS = 50;
  static final String UTM_MEDIUM = "social";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,26}");

  private final MediaLibrary library;
  private final LinkService links;

  @Activate
  public PostEnrichment(@Reference MediaLibrary library, @Reference LinkService links) {
    this.library = library;
    this.links = links;
  }

  // ---- checks of a draft, before anything is written

  /**
   * Refuses, naming the field, what no channel of the draft could take: unknown or unsuitable media
   * (naming the channel, the asset and the rule), malformed tags, handles the network does not
   * have, a bad UTM campaign or a link that is not a URL.
   */
  void check(
      String workspaceId,
      PostDraft draft,
      Map<String, Channel> channels,
      Map<String, NetworkDescriptor> networks) {
    requireTargets("variantMedia", draft.variantMedia().keySet(), channels);
    requireTargets("variantMentions", draft.variantMentions().keySet(), channels);
    requireTags(draft.tags());
    if (draft.utmCampaign() != null) {
      try {
        new Utm(null, null, draft.utmCampaign(), null, null);
      } catch (ValidationException e) {
        throw new ValidationException(
            "utmCampaign", e.getMessage().replace("utm.campaign", "utmCampaign"));
      }
    }
    requireLinks("text", draft.text());
    draft.variantTexts().forEach((id, text) -> requireLinks("variantTexts." + id, text));
    requireIds("media", draft.media());
    Map<String, MediaAsset> assets = new HashMap<>();
    for (Channel channel : channels.values()) {
      NetworkDescriptor network = networks.get(channel.network());
      boolean own = draft.variantMedia().containsKey(channel.id());
      String field = own ? "variantMedia." + channel.id() : "media";
      List<String> ids = own ? draft.variantMedia().get(channel.id()) : draft.media();
      if (own) {
        requireIds(field, ids);
      }
      requireMedia(workspaceId, field, channel, network, ids, assets);
      List<String> handles = draft.variantMentions().get(channel.id());
      if (handles != null) {
        requireHandles("variantMentions." + channel.id(), channel, network, handles);
      }
    }
  }

  /** Refuses a scheduled variant whose media or hashtag and mention counts the network refuses. */
  void requireSchedulable(
      String workspaceId, Channel channel, NetworkDescriptor network, PostVariant variant) {
    String field = "variants." + channel.id();
    requireMedia(workspaceId, field + ".media", channel, network, variant.media(), new HashMap<>());
    List<String> problems =
        NetworkSyntax.of(network.id()).countProblems(variant.text(), network.nameEn());
    if (!problems.isEmpty()) {
      throw new ValidationException(field + ".text", String.join(" ", problems));
    }
  }

  private static void requireTargets(
      String field, Set<String> keys, Map<String, Channel> channels) {
    for (String id : keys) {
      if (!channels.containsKey(id)) {
        throw new ValidationException(field, "channel " + id + " is not a target of the post");
      }
    }
  }

  private static void requireIds(String field, List<String> ids) {
    if (ids == null) {
      throw new ValidationException(field, "a list of media asset ids is required");
    }
    if (ids.size() > MAX_MEDIA) {
      throw new ValidationException(field, "at most " + MAX_MEDIA + " media a post");
    }
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new ValidationException(field, "not a media asset id: " + id);
      }
      if (!seen.add(id)) {
        throw new ValidationException(field, "media asset " + id + " is listed twice");
      }
    }
  }

  private static void requireTags(List<String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new ValidationException("tags", "at most " + MAX_TAGS + " tags a post");
    }
    Set<String> seen = new HashSet<>();
    for (String tag : tags) {
      if (tag == null || !NetworkSyntax.TAG.matcher(tag).matches()) {
        throw new ValidationException(
            "tags",
            "a tag is 1 to 64 letters, digits or _ without the # sign (no spaces or punctuation): "
                + tag);
      }
      if (tag.chars().allMatch(Character::isDigit)) {
        throw new ValidationException(
            "tags", "a tag of digits only is not linked by the networks: " + tag);
      }
      if (!seen.add(tag.toLowerCase(Locale.ROOT))) {
        throw new ValidationException("tags", "tag " + tag + " is listed twice");
      }
    }
  }

  private static void requireHandles(
      String field, Channel channel, NetworkDescriptor network, List<String> handles) {
    NetworkSyntax syntax = NetworkSyntax.of(network.id());
    if (handles.isEmpty()) {
      return;
    }
    if (!syntax.mentions()) {
      throw new ValidationException(field, network.nameEn() + " has no mentions");
    }
    if (handles.size() > MAX_MENTIONS) {
      throw new ValidationException(field, "at most " + MAX_MENTIONS + " mentions a channel");
    }
    for (String handle : handles) {
      String bare = handle == null ? null : handle.startsWith("@") ? handle.substring(1) : handle;
      if (bare == null || !syntax.handle().matcher(bare).matches()) {
        throw new ValidationException(
            field,
            "not a "
                + network.nameEn()
                + " handle for channel "
                + channel.displayName()
                + ": "
                + handle);
      }
    }
  }

  private static void requireLinks(String field, String text) {
    if (text == null) {
      return;
    }
    for (String link : TextLinks.find(text)) {
      try {
        if (new URI(link).getHost() == null) {
          throw new ValidationException(field, "the link " + link + " has no host");
        }
      } catch (URISyntaxException e) {
        throw new ValidationException(
            field, "the link " + link + " is not a URL: " + e.getReason());
      }
    }
  }

  /** Each asset against the network's rules, then the post's counts and mix of them. */
  private void requireMedia(
      String workspaceId,
      String field,
      Channel channel,
      NetworkDescriptor network,
      List<String> ids,
      Map<String, MediaAsset> assets) {
    String where = "channel " + channel.displayName() + " (" + network.nameEn() + "): ";
    int images = 0;
    int videos = 0;
    for (String id : ids) {
      MediaAsset asset = assets.get(id);
      if (asset == null) {
        try {
          asset = library.get(workspaceId, id);
        } catch (NotFoundException e) {
          throw new ValidationException(field, "no media asset " + id + " in this workspace");
        }
        assets.put(id, asset);
      }
      List<MediaProblem> problems = library.problems(asset, network);
      if (!problems.isEmpty()) {
        MediaProblem first = problems.get(0);
        throw new ValidationException(
            field,
            where
                + "media "
                + describe(asset)
                + " breaks the "
                + first.rule()
                + " rule: "
                + first.detail());
      }
      if (asset.isVideo()) {
        videos++;
      } else {
        images++;
      }
    }
    MediaRules rules = network.media();
    if (images > rules.maxImages()) {
      throw new ValidationException(
          field, where + images + " images breaks the count rule: at most " + rules.maxImages());
    }
    if (videos > rules.maxVideos()) {
      throw new ValidationException(
          field, where + videos + " videos breaks the count rule: at most " + rules.maxVideos());
    }
    if (images > 0 && videos > 0 && !rules.imagesWithVideo()) {
      throw new ValidationException(
          field, where + "images and videos together break the mix rule: choose one kind");
    }
  }

  private static String describe(MediaAsset asset) {
    return asset.id() + (asset.fileName() == null ? "" : " (" + asset.fileName() + ")");
  }

  // ---- what a post's rows carry

  /** The media, tags and UTM campaign of the draft on the post's row. */
  static void applyTo(PostEntity post, PostDraft draft) {
    post.media = draft.media().isEmpty() ? null : JsonColumns.list(draft.media());
    post.tags = draft.tags().isEmpty() ? null : JsonColumns.list(draft.tags());
    post.utmCampaign =
        draft.utmCampaign() == null || draft.utmCampaign().isBlank()
            ? null
            : draft.utmCampaign().strip();
  }

  /** The channel's own media (or none: the master's) and mentions on the variant's row. */
  static void applyTo(VariantEntity variant, PostDraft draft) {
    variant.media = JsonColumns.list(draft.variantMedia().get(variant.channelId));
    List<String> handles = new ArrayList<>();
    List<String> given = draft.variantMentions().get(variant.channelId);
    for (String handle : given == null ? List.<String>of() : given) {
      handles.add(handle.startsWith("@") ? handle.substring(1) : handle);
    }
    variant.mentions = handles.isEmpty() ? null : JsonColumns.list(handles);
  }

  /** The asset ids the variant publishes: its own, or the master copy's. */
  static List<String> media(PostEntity post, VariantEntity variant) {
    return JsonColumns.list(variant.media != null ? variant.media : post.media);
  }

  // ---- tracked links

  /**
   * Replaces the short links of each variant by those of this revision's text and link card (the
   * post's {@code link}, which the connectors send as a card or append to the text): one per link,
   * with {@code utm_source} the network, {@code utm_medium} {@value #UTM_MEDIUM}, {@code
   * utm_campaign} the given one, counted for the post's campaign, the post, the variant and its
   * channel. Minting is idempotent, so saving the same text again (or a retried command) gets the
   * same codes.
   */
  void mintLinks(
      String workspaceId, PostEntity post, Collection<VariantEntity> variants, String utmCampaign) {
    for (VariantEntity variant : variants) {
      String text = variant.customText != null ? variant.customText : post.body;
      Utm utm = new Utm(variant.network, UTM_MEDIUM, utmCampaign, null, null);
      LinkAttribution attribution =
          new LinkAttribution(post.campaignId, post.id, variant.id, variant.channelId);
      Map<String, String> shortLinks = new LinkedHashMap<>();
      Set<String> targets = new LinkedHashSet<>(TextLinks.find(text));
      if (post.link != null) {
        targets.add(post.link);
      }
      for (String link : targets) {
        URI target = URI.create(link);
        shortLinks.put(
            link, links.shorten(workspaceId, target, utm, attribution).shortUrl().toString());
      }
      variant.shortLinks = JsonColumns.map(shortLinks);
    }
  }

  /**
   * A text written for a variant with the variant's own short links put back to the links they
   * track: a client that sends the variant's rendered text back as its text (the web console does)
   * would otherwise get short links of short links, and a card appended once more.
   */
  static String withOriginalLinks(String text, String shortLinksJson) {
    if (text == null || shortLinksJson == null) {
      return text;
    }
    Map<String, String> originals = new HashMap<>();
    JsonColumns.map(shortLinksJson).forEach((link, shortLink) -> originals.put(shortLink, link));
    return TextLinks.replace(text, originals);
  }

  /** A campaign name as a {@code utm_campaign} value: lower case, words joined by {@code -}. */
  static String slug(String name) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    String slug = folded.replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
    return slug.length() > Utm.MAX_LENGTH ? slug.substring(0, Utm.MAX_LENGTH) : slug;
  }
}
