package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import social.hearth.federation.sig.SigningKey;

/**
 * Chromium journeys of issue 15 (items 7 and 8): a moderator approves join requests in bulk and one inline, and the
 * counters follow; the instance admin opens the federation health page, finds the members' server failing with its
 * backlog, and retries it. Screenshots in English and Russian, desktop and phone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationJourneysTest {

  static WebFixture f;
  static Browser browser;
  static List<SigningKey> applicants;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.available()) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("chromium and chromedriver are required in CI");
      }
      Assumptions.assumeTrue(false, "chromium or chromedriver is not installed");
    }
    f = WebFixture.start("127.0.0.172");
    f.remote.nodeinfo("mastodon");
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"joinPolicy\":\"approval\"}", 200);
    applicants = List.of(f.person("ana", "Ana Reads"), f.person("bo", "Bo Applicant"), f.person("cy", "Cy Pages"));
    for (SigningKey k : applicants) {
      f.follow(k);
    }
    f.staff("mod", "moderator");
    f.staff("root", null);
    browser = Browser.start("en");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (f != null) {
      f.close();
    }
  }

  static void open(String path) {
    browser.driver.get(f.hearth.base + path);
  }

  static WebElement find(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  static WebDriverWait await() {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(20));
  }

  /** Clicks something that loads a new page, and waits until it has (as BrowserJourneysTest does). */
  static void navigate(WebElement clickable) {
    WebElement html = find("html");
    clickable.click();
    await().until(d -> {
      try {
        html.isEnabled();
        return false;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        return true;
      } catch (org.openqa.selenium.WebDriverException e) {
        if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
          return true;
        }
        throw e;
      }
    });
    await().until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void signIn(String username) {
    browser.driver.manage().deleteAllCookies();
    open("/login");
    find("#username").sendKeys(username);
    find("#password").sendKeys(WebFixture.PASSWORD);
    navigate(find("form[action$='/login'] button"));
  }

  static void shoot(String name) throws Exception {
    for (String lang : List.of("en", "ru")) {
      if (!lang.equals(find("html").getAttribute("lang"))) {
        navigate(find(".lang-switch button[value='" + lang + "']"));
      }
      browser.size(1280, 900);
      browser.screenshot(name + "-" + lang + "-desktop");
      browser.size(390, 844);
      browser.screenshot(name + "-" + lang + "-phone");
      browser.size(1280, 900);
    }
    navigate(find(".lang-switch button[value='en']"));
  }

  static String state(SigningKey who) {
    var rows = f.hearth.sql("SELECT state FROM members WHERE actor_id = $1", WebFixture.actor(who));
    return rows.isEmpty() ? "none" : rows.get(0).getString(0);
  }

  @Test
  @Order(1)
  void aModeratorApprovesJoinRequestsInBulkAndOneInPlaceAndTheCountersFollow() throws Exception {
    signIn("mod");
    open("/staff/c/book-club");
    assertEquals("3", find("[data-count='pending']").getText());
    assertEquals("0", find("[data-count='members']").getText());
    assertFalse(find("footer").getText().contains("Staff sign-in"), "no sign-in offered to someone signed in");
    shoot("join-requests");

    find("input.pick[value='" + WebFixture.actor(applicants.get(0)) + "']").click();
    find("input.pick[value='" + WebFixture.actor(applicants.get(1)) + "']").click();
    navigate(find("#bulk-requests button[value='approve']"));
    assertTrue(find(".notice.ok").getText().contains("The selected requests are approved"));
    assertEquals("accepted", state(applicants.get(0)));
    assertEquals("accepted", state(applicants.get(1)));
    assertEquals("pending", state(applicants.get(2)));
    assertEquals("1", find("[data-count='pending']").getText());
    assertEquals("2", find("[data-count='members']").getText());

    // the last one with its own button: the page does not reload, its counters change
    find("form[action$='/members/approve'] button").click();
    await().until(d -> "0".equals(find("[data-count='pending']").getText()));
    assertEquals("3", find("[data-count='members']").getText());
    assertEquals("accepted", state(applicants.get(2)));
  }

  @Test
  @Order(2)
  void theInstanceAdminFindsTheMembersServerFailingAndRetriesIt() throws Exception {
    String host = URI.create(f.remote.origin).getAuthority();
    f.remote.judge = r -> 503;
    f.admin("POST", "/api/v1/admin/communities/book-club/posts", "{\"content\":\"This month: Piranesi\"}", 201);
    social.hearth.http.FederationHealthTest.awaitServer(f.hearth, host, s -> s.get("failures").asInt() >= 1
        && s.get("retrying").asLong() >= 1);
    f.hearth.sql("UPDATE deliveries SET next_attempt_at = now() + interval '1 hour' WHERE host = $1 AND state = 'pending'",
        host);

    signIn("root");
    open("/staff/admin");
    navigate(find("a[href$='/staff/admin/federation']"));
    WebElement card = find("article.server[data-host='" + host + "']");
    assertEquals("Failing", card.findElement(By.cssSelector(".badge.state")).getText());
    String text = card.getText();
    assertTrue(text.contains("mastodon 1") && text.contains("1 delivery") && text.contains("503"), text);
    shoot("federation");

    f.remote.judge = null;
    navigate(find("article.server[data-host='" + host + "'] form[action$='/federation/retry'] button"));
    assertTrue(find(".notice.ok").getText().contains("Retrying now"));
    // the waiting post is sent at once, and the server answers again
    await().until(d -> {
      var rows = f.hearth.sql("SELECT count(*) FROM deliveries WHERE host = $1 AND state = 'pending'", host);
      return rows.get(0).getLong(0) == 0;
    });
    open("/staff/admin/federation?search=" + host);
    assertEquals("Available", find("article.server .badge.state").getText());
    shoot("federation-retried");
  }
}
