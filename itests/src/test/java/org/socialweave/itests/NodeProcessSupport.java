package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.socialweave.sandbox.MastodonStatus;
import org.socialweave.sandbox.Sandbox;

/**
 * For tests that run the distribution as processes ({@link KarafNode}) against the sandbox in this
 * JVM: the sandbox survives whatever happens to the nodes, so its record of statuses is the referee
 * of "published exactly once".
 */
abstract class NodeProcessSupport extends ItestSupport {

  protected Sandbox sandbox;
  protected final List<String> tokens = new ArrayList<>();

  @Before
  public void startSandbox() throws Exception {
    sandbox = Sandbox.start(0);
  }

  @After
  public void stopSandbox() {
    sandbox.close();
  }

  /** A workspace {@code slug} with {@code accounts} Mastodon channels, one sandbox account each. */
  protected List<String> workspaceWithChannels(Credentials admin, String slug, int accounts) {
    Reply workspace =
        json(
            "POST",
            "/api/v1/workspaces",
            admin,
            "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}");
    assertEquals(workspace.toString(), 201, workspace.status());
    URI instance = sandbox.mastodon().addInstance(slug + ".social");
    List<String> channels = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      String token = slug + "-token-" + i;
      tokens.add(token);
      sandbox.mastodon().addAccount(slug + ".social", token, slug + i);
      channels.add(mastodonChannel(admin, slug, instance, token));
    }
    return channels;
  }

  /** {@code count} drafts spread round-robin over {@code channels}; post id to its text. */
  protected Map<String, String> drafts(
      Credentials admin, String slug, List<String> channels, int count) {
    Map<String, String> textOfPost = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String text = slug + " post " + i;
      Reply post =
          json(
              "POST",
              "/api/v1/workspaces/" + slug + "/posts",
              admin,
              "{\"text\":\""
                  + text
                  + "\",\"channelIds\":[\""
                  + channels.get(i % channels.size())
                  + "\"]}");
      assertEquals(post.toString(), 201, post.status());
      textOfPost.put(post.json().path("id").asText(), text);
    }
    return textOfPost;
  }

  protected List<MastodonStatus> statuses() {
    List<MastodonStatus> all = new ArrayList<>();
    for (String token : tokens) {
      all.addAll(sandbox.mastodon().statuses(token));
    }
    return all;
  }

  /** Posts of the workspace the node reports as published; -1 while it does not answer. */
  protected int published(Credentials who, String slug) {
    int count = 0;
    String cursor = null;
    do {
      Reply page =
          get(
              "/api/v1/workspaces/"
                  + slug
                  + "/posts?status=PUBLISHED&limit=200"
                  + (cursor == null ? "" : "&cursor=" + cursor),
              who);
      if (page.status() != 200) {
        return -1;
      }
      JsonNode json = page.json();
      count += json.path("items").size();
      cursor = json.path("nextCursor").isTextual() ? json.path("nextCursor").asText() : null;
    } while (cursor != null);
    return count;
  }

  /** The sandbox has each text exactly once, and nothing else. */
  protected void assertEachPublishedExactlyOnce(Map<String, String> textOfPost) {
    List<String> texts = statuses().stream().map(MastodonStatus::text).toList();
    Map<String, Long> copies =
        texts.stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    List<String> duplicated =
        copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertTrue("published twice: " + duplicated, duplicated.isEmpty());
    assertEquals("every post is on the network", Set.copyOf(textOfPost.values()), copies.keySet());
    assertEquals(textOfPost.size(), texts.size());
  }
}
