package org.socialweave.example.plugin.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.Principal;
import javax.ws.rs.Path;
import javax.ws.rs.core.SecurityContext;
import org.junit.Test;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

public class GreetingResourceTest {

  private final GreetingResource resource = new GreetingResource();

  @Test
  public void greetsTheCallerInChinese() {
    assertEquals(new Greeter.Greeting("你好，alice！", "zh"), resource.greet("zh", security("alice")));
  }

  @Test
  public void greetsTheCallerInEnglishByDefault() {
    assertEquals(new Greeter.Greeting("Hello, bob!", "en"), resource.greet(null, security("bob")));
  }

  @Test
  public void unknownLanguageIsRejectedBeforeAnythingElse() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> resource.greet("fr", security("alice")));
    assertEquals("lang", e.field());
  }

  @Test
  public void noPrincipalIsUnauthorized() {
    SocialWeaveException e =
        assertThrows(SocialWeaveException.class, () -> resource.greet("en", security(null)));
    assertEquals(401, e.status());
  }

  @Test
  public void everyResourceMethodDeclaresAPermission() {
    assertEquals("example/greeting", GreetingResource.class.getAnnotation(Path.class).value());
    int methods = 0;
    for (Method m : GreetingResource.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())) {
        methods++;
        RequiresPermission p = m.getAnnotation(RequiresPermission.class);
        assertNotNull(m.getName() + " declares no permission", p);
        assertEquals(Permission.AUTHENTICATED, p.value());
      }
    }
    assertEquals(1, methods);
  }

  private static SecurityContext security(String username) {
    Principal principal = username == null ? null : () -> username;
    return new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public boolean isUserInRole(String role) {
        return false;
      }

      @Override
      public boolean isSecure() {
        return true;
      }

      @Override
      public String getAuthenticationScheme() {
        return "Bearer";
      }
    };
  }
}
