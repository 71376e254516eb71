package org.socialweave.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.socialweave.api.ApiToken;
import org.socialweave.api.AuthenticationResult;
import org.socialweave.api.IssuedToken;
import org.socialweave.api.Membership;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.TokenService;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Role;

/** In-memory stand-ins for the API services. Pages hold two items so paging is exercised. */
final class Fakes {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final int PAGE_SIZE = 2;

  private Fakes() {}

  /** Pages through values in insertion order, at most {@link #PAGE_SIZE} at a time. */
  static <T> Page<T> page(List<T> all, Function<T, String> id, PageRequest request) {
    int start = 0;
    if (request.after() != null) {
      for (int i = 0; i < all.size(); i++) {
        if (id.apply(all.get(i)).equals(request.after())) {
          start = i + 1;
        }
      }
    }
    int end = Math.min(all.size(), start + Math.min(PAGE_SIZE, request.limit()));
    List<T> items = List.copyOf(all.subList(start, end));
    String next = end < all.size() ? PageRequest.cursorAfter(id.apply(all.get(end - 1))) : null;
    return new Page<>(items, next);
  }

  /** Captures what a command prints. */
  static final class Output {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  static final class Users implements UserService {
    final Map<String, User> byId = new LinkedHashMap<>();
    final Map<String, String> passwords = new HashMap<>();
    int pageRequests;

    @Override
    public User create(
        String username, String displayName, String email, char[] password, boolean admin) {
      if (find(username).isPresent()) {
        throw new ConflictException("username '" + username + "' is taken");
      }
      User user =
          new User("u" + (byId.size() + 1), username, displayName, email, admin, false, T0, 0);
      byId.put(user.id(), user);
      passwords.put(user.id(), new String(password));
      return user;
    }

    @Override
    public Optional<User> find(String idOrUsername) {
      return byId.values().stream()
          .filter(u -> u.id().equals(idOrUsername) || u.username().equals(idOrUsername))
          .findFirst();
    }

    @Override
    public Page<User> list(PageRequest page) {
      pageRequests++;
      return page(new ArrayList<>(byId.values()), User::id, page);
    }

    @Override
    public User update(String id, String displayName, String email, long expectedVersion) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void changePassword(String id, char[] newPassword) {
      if (!byId.containsKey(id)) {
        throw new NotFoundException("user", id);
      }
      passwords.put(id, new String(newPassword));
    }

    @Override
    public void setDisabled(String id, boolean disabled) {
      User u = byId.get(id);
      byId.put(
          id,
          new User(
              u.id(),
              u.username(),
              u.displayName(),
              u.email(),
              u.systemAdmin(),
              disabled,
              u.createdAt(),
              u.version() + 1));
    }

    @Override
    public AuthenticationResult authenticate(
        String username, char[] password, String sourceAddress) {
      throw new UnsupportedOperationException();
    }
  }

  static final class Workspaces implements WorkspaceService {
    final Map<String, Workspace> byId = new LinkedHashMap<>();
    final Map<String, Map<String, Role>> members = new HashMap<>();
    final Users users;

    Workspaces(Users users) {
      this.users = users;
    }

    @Override
    public Workspace create(String slug, String name, String timeZone) {
      if (find(slug).isPresent()) {
        throw new ConflictException("slug '" + slug + "' is taken");
      }
      Workspace w = new Workspace("w" + (byId.size() + 1), slug, name, timeZone, T0, 0);
      byId.put(w.id(), w);
      return w;
    }

    @Override
    public Optional<Workspace> find(String idOrSlug) {
      return byId.values().stream()
          .filter(w -> w.id().equals(idOrSlug) || w.slug().equals(idOrSlug))
          .findFirst();
    }

    @Override
    public Page<Workspace> list(PageRequest page) {
      return page(new ArrayList<>(byId.values()), Workspace::id, page);
    }

    @Override
    public Page<Workspace> listFor(String userId, PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Workspace update(String id, String name, String timeZone, long expectedVersion) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Membership grant(String workspaceId, String userId, Role role) {
      members.computeIfAbsent(workspaceId, k -> new LinkedHashMap<>()).put(userId, role);
      return new Membership(workspaceId, userId, users.byId.get(userId).username(), role, T0);
    }

    @Override
    public void revoke(String workspaceId, String userId) {
      Map<String, Role> roles = members.get(workspaceId);
      if (roles == null || roles.remove(userId) == null) {
        throw new NotFoundException("membership", workspaceId + "/" + userId);
      }
    }

    @Override
    public Page<Membership> members(String workspaceId, PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Role> rolesOf(String userId) {
      throw new UnsupportedOperationException();
    }
  }

  static final class Tokens implements TokenService {
    final Map<String, ApiToken> byId = new LinkedHashMap<>();

    @Override
    public IssuedToken issue(
        String workspaceId, String userId, String name, Role role, Instant expiresAt) {
      String id = "t" + (byId.size() + 1);
      ApiToken token =
          new ApiToken(id, workspaceId, userId, name, role, "sw_" + id, T0, expiresAt, null, null);
      byId.put(id, token);
      return new IssuedToken(token, "sw_" + id + "_SECRET");
    }

    @Override
    public Optional<Caller> authenticate(String secret) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Page<ApiToken> list(String workspaceId, PageRequest page) {
      List<ApiToken> inWorkspace =
          byId.values().stream().filter(t -> t.workspaceId().equals(workspaceId)).toList();
      return page(inWorkspace, ApiToken::id, page);
    }

    @Override
    public Optional<ApiToken> find(String tokenId) {
      return Optional.ofNullable(byId.get(tokenId));
    }

    @Override
    public void revoke(String tokenId) {
      ApiToken t = byId.get(tokenId);
      byId.put(
          tokenId,
          new ApiToken(
              t.id(),
              t.workspaceId(),
              t.userId(),
              t.name(),
              t.role(),
              t.prefix(),
              t.createdAt(),
              t.expiresAt(),
              T0.plusSeconds(60),
              t.lastUsedAt()));
    }
  }

  static final class Audit implements AuditLog {
    final List<AuditEntry> entries = new ArrayList<>();
    Verification verification = new Verification(true, 0, null, null);
    String lastTailWorkspace;
    int lastTailCount;

    @Override
    public AuditEntry record(AuditEvent event) {
      AuditEntry entry = new AuditEntry(entries.size() + 1, T0, event, "prev", "hash");
      entries.add(entry);
      return entry;
    }

    @Override
    public List<AuditEntry> tail(String workspaceId, int count) {
      lastTailWorkspace = workspaceId;
      lastTailCount = count;
      List<AuditEntry> matching =
          entries.stream()
              .filter(e -> workspaceId == null || workspaceId.equals(e.event().workspaceId()))
              .toList();
      return matching.subList(Math.max(0, matching.size() - count), matching.size());
    }

    @Override
    public Verification verify() {
      return verification;
    }

    List<AuditEvent> events() {
      return entries.stream().map(AuditEntry::event).toList();
    }

    AuditEvent last() {
      return entries.get(entries.size() - 1).event();
    }
  }

  /** A console that answers the password prompts with the given lines, in order. */
  static PasswordPrompt typed(String... lines) {
    List<String> remaining = new ArrayList<>(List.of(lines));
    return prompt -> remaining.isEmpty() ? null : remaining.remove(0).toCharArray();
  }
}
