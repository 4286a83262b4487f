package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.Fediverse;

/**
 * Moderators act where they see the problem, in headless Chromium: a moderator removes a post from its public page
 * (confirming first), and warns a member from the member page, which then shows the warning with the member's posts
 * and a private note. Screenshots: post-actions-* and member-* in English and Russian, desktop and phone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModerationJourneysTest {

  static WebFixture f;
  static Browser browser;
  static SigningKey una;
  static SigningKey ivo;
  static String spam;
  static String spoiler;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.available()) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("chromium and chromedriver are required in CI");
      }
      Assumptions.assumeTrue(false, "chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
    }
    f = WebFixture.start("127.0.0.81");
    una = f.person("una", "Una Reads");
    ivo = f.person("ivo", "Ivo Spoils");
    for (SigningKey k : List.of(una, ivo)) {
      f.follow(k);
    }
    f.post(una, "<p>Finished <b>Piranesi</b> last night. What a house. #bookclub</p>", null, List.of("bookclub"));
    spam = f.post(una, "<p>Selling my old paperbacks, two for one, message me!</p>", null, List.of());
    spoiler = f.post(ivo, "<p>In chapter 12 it turns out the Other is the villain.</p>", null, List.of());
    f.post(ivo, "<p>Also, the statues are all alive. Sorry not sorry.</p>", null, List.of());
    f.staff("mod", "moderator");
    f.banner();
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
    return browser.await();
  }

  /** Clicks a button whose form asks for confirmation, accepts it, and waits for the page it leads to. */
  static void confirmAndWait(WebElement button, String urlPart) {
    button.click();
    await().until(ExpectedConditions.alertIsPresent()).accept();
    await().until(ExpectedConditions.urlContains(urlPart));
    await().until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void submitAndWait(WebElement button, String urlPart) {
    button.click();
    await().until(ExpectedConditions.urlContains(urlPart));
    await().until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void language(String lang) {
    find(".lang-switch button[value='" + lang + "']").click();
    await().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    await().until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void shoot(String name) throws Exception {
    browser.shoot(name);
  }

  static String memberPage(SigningKey who) {
    return "/staff/c/book-club/member?actor=" + Pages.encode(WebFixture.actor(who));
  }

  @Test
  @Order(1)
  void aModeratorRemovesAPostFromItsPublicPage() throws Exception {
    open("/c/book-club/posts/" + f.postId(spam));
    assertTrue(browser.driver.findElements(By.cssSelector(".staff-actions")).isEmpty(), "a visitor sees no actions");
    open("/login");
    find("#username").sendKeys("mod");
    find("#password").sendKeys(WebFixture.PASSWORD);
    submitAndWait(find("form[action$='/login'] button"), "/staff");
    open("/c/book-club/posts/" + f.postId(spam));
    WebElement actions = find(".staff-actions");
    assertTrue(actions.getText().contains("Moderator actions"), actions.getText());
    find("#remove-post-reason").sendKeys("Sales are off topic here");
    shoot("post-actions");
    confirmAndWait(actions.findElement(By.cssSelector("form[action$='/moderate/remove-post'] button")), "notice=post_removed");
    assertTrue(find(".notice.ok").getText().contains("Post removed."));
    assertFalse(find("main").getText().contains("Selling my old paperbacks"), "gone from the community page");
    assertTrue(f.hearth.sql("SELECT 1 FROM posts WHERE object_id = $1 AND deleted_at IS NULL", spam).isEmpty());
    assertEquals("sales are off topic here", f.hearth.sql("SELECT lower(reason) FROM audit_log WHERE action = 'post.remove' "
        + "AND target = $1", spam).get(0).getString(0));
  }

  @Test
  @Order(2)
  void aModeratorWarnsAMemberFromTheMemberPage() throws Exception {
    open(memberPage(ivo));
    String page = find("main").getText();
    assertTrue(page.contains("In chapter 12 it turns out the Other is the villain."), "the member's posts are listed");
    new Select(find("#warn-rule")).selectByValue("2");
    find("#warn-note").sendKeys("Chapter 12 is a spoiler: please add a content warning.");
    submitAndWait(find("form#warn button[type=submit]"), "notice=warned");
    assertTrue(find(".notice.ok").getText().contains("Warning sent."));
    WebElement warnings = find("section[aria-labelledby='warnings-h']");
    assertTrue(warnings.getText().contains("Rule 2: No spoilers without a content warning"), warnings.getText());
    assertTrue(warnings.getText().contains("please add a content warning"), warnings.getText());
    find("#note-text").sendKeys("Warned once about spoilers; replied politely.");
    submitAndWait(find("form[action$='/members/note'] button"), "notice=note_added");
    assertTrue(find("section[aria-labelledby='notes-h']").getText().contains("replied politely"));
    shoot("member");
    new Fediverse(f.hearth, f.remote).awaitFor(ivo, "Create",
        j -> j.path("object").path("content").asText().contains("<blockquote><p>No spoilers without a content warning"));
    assertEquals(1, f.hearth.sql("SELECT 1 FROM audit_log WHERE action = 'member.warn' AND actor = 'staff:mod'").size());
  }

  @Test
  @Order(3)
  void theSamePagesInRussian() throws Exception {
    open("/c/book-club/posts/" + f.postId(spoiler));
    language("ru");
    assertTrue(find(".staff-actions").getText().contains("Действия модератора"));
    shoot("post-actions");
    open(memberPage(ivo));
    assertTrue(find("main").getText().contains("Предупреждения"));
    shoot("member");
    language("en");
  }
}
