package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.TestHearth;

/**
 * Real journeys in headless Chromium against a real Hearth on loopback: a visitor reads a community and copies
 * its handle; a hostile display name stays text; a moderator signs in, approves a join request and a held post
 * and resolves a report (each without a reload, through the page's script); a form without its CSRF token is
 * refused. Along the way the main pages are saved as screenshots (English and Russian, phone and desktop).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneysTest {

  static WebFixture f;
  static Browser browser;
  static SigningKey ana;
  static SigningKey bo;
  static SigningKey spammer;
  static String anaPost;
  static String heldPost;
  static String spamPost;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.available()) {
      // CI installs Debian's chromium and chromium-driver (.ci/run) and must run these; elsewhere they are skipped
      if (System.getenv("CI") != null) {
        throw new AssertionError("chromium and chromedriver are required in CI: " + Browser.CHROMIUM + ", " + Browser.CHROMEDRIVER);
      }
      Assumptions.assumeTrue(false, "chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
    }
    f = WebFixture.start("127.0.0.71");
    ana = f.person("ana", "Ana Reads");
    SigningKey mallory = f.person("mallory", WebFixture.HOSTILE);
    SigningKey gil = f.person("gil", "Gil");
    spammer = f.person("spammer", "Cheap Watches");
    for (SigningKey k : List.of(ana, mallory, gil, spammer)) {
      f.follow(k);
    }
    anaPost = f.post(ana, "<p>This month we read <b>Piranesi</b> by Susanna Clarke. Who has started? #bookclub #piranesi</p>",
        null, List.of("bookclub", "piranesi"));
    f.post(mallory, "<p>Halfway through, the statues chapter is wonderful.</p>", anaPost, List.of());
    f.post(gil, "<p>Hello everyone, I am Gil and I mostly read science fiction. #introductions</p>", null, List.of("introductions"));
    f.admin("POST", "/api/v1/admin/communities/book-club/featured", "{\"object\":\"" + anaPost + "\"}", 201);
    spamPost = f.post(spammer, "<p>Buy cheap watches at example dot com</p>", null, List.of());
    ObjectNode flag = f.activity(gil, "Flag", TestHearth.JSON.createArrayNode().add(WebFixture.actor(spammer)).add(spamPost));
    flag.put("content", "This is an advert, not a book.");
    f.send(gil, f.hearth.base + "/inbox", flag);
    f.admin("POST", "/api/v1/admin/communities/book-club/filters",
        "{\"kind\":\"keywords\",\"config\":{\"words\":[\"spoiler\"]},\"action\":\"hold\"}", 200);
    heldPost = f.post(ana, "<p>Spoiler: the House is the whole world.</p>", null, List.of());
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"joinPolicy\":\"approval\",\"joinQuestion\":\"What are you reading now?\"}", 200);
    bo = f.person("bo", "Bo Applicant");
    f.follow(bo);
    f.directMessage(bo, "<p><a href=\"" + f.group + "\">@book-club</a> The Left Hand of Darkness, slowly.</p>");
    f.staff("mod", "moderator");
    f.staff("owner", "owner");
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

  static String state(SigningKey who) {
    var rows = f.hearth.sql("SELECT state FROM members WHERE actor_id = $1", WebFixture.actor(who));
    return rows.isEmpty() ? "none" : rows.get(0).getString(0);
  }

  /** Clicks something that loads a new page, and waits until it has. */
  static void navigate(WebElement clickable) {
    WebElement html = find("html");
    clickable.click();
    // the old page is gone once its root element is stale; while Chromium swaps documents it may instead answer
    // that the node "does not belong to the document", which means the same
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

  /** Switches the language with the page's own switch. */
  static void language(String lang) {
    navigate(find(".lang-switch button[value='" + lang + "']"));
    await().until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  /** Screenshots of the current page in both widths. */
  static void shoot(String name) throws Exception {
    browser.shoot(name);
  }

  @Test
  @Order(1)
  void aVisitorReadsTheCommunityAndCopiesItsHandle() throws Exception {
    open("/");
    navigate(find("a[href$='/c/book-club']"));
    assertEquals("Book club", find("h1").getText());
    assertTrue(find(".purpose").getText().contains("We read one novel a month"));
    String page = find("main").getText();
    assertTrue(page.contains("Be kind to each other") && page.contains("a warning, then removal"), "rules with consequences");
    assertTrue(page.contains("#introductions") && page.contains("Say hello"), "topics");
    assertTrue(find("#pinned").isDisplayed() && page.contains("Piranesi"), "the pinned post");
    assertTrue(page.contains("the statues chapter"), "the thread under the post");
    assertTrue(page.contains("4 members"), page);
    assertFalse(page.contains("Bo Applicant"), "requests are private");
    assertFalse(page.contains("the House is the whole world"), "held posts are not public");

    WebElement copy = find("button[data-copy='handle']");
    assertTrue(copy.isDisplayed(), "the copy button appears when the script runs");
    copy.click();
    await().until(ExpectedConditions.textToBe(By.id("live"), "Copied to the clipboard."));
    WebElement server = find("#server");
    server.click();
    server.sendKeys(Keys.chord(Keys.CONTROL, "v"));
    assertEquals("@book-club@127.0.0.1:" + f.hearth.port, server.getAttribute("value"), "the clipboard holds the handle");
    server.clear();

    navigate(find("a[href*='/tags/piranesi']"));
    assertEquals("#piranesi", find("h1").getText());
    browser.driver.navigate().back();
    navigate(find("#post-" + f.postId(anaPost) + " footer a"));
    assertTrue(find("#replies").getText().contains("the statues chapter"));
    shoot("post");
    open("/c/book-club");
    shoot("community");
    open("/");
    shoot("home");
  }

  @Test
  @Order(2)
  void aHostileDisplayNameStaysText() {
    open("/c/book-club");
    assertTrue(find("main").getText().contains(WebFixture.HOSTILE), "shown as the text it is");
    assertTrue(browser.driver.findElements(By.cssSelector("img[src='x']")).isEmpty(), "never an element");
    assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
  }

  @Test
  @Order(3)
  void joinFromYourServerTakesOnlyADomainName() {
    open("/c/book-club");
    WebElement server = find("#server");
    server.sendKeys("https://evil.example/steal?x=1");
    navigate(find("form[action$='/join'] button"));
    assertTrue(browser.driver.getCurrentUrl().startsWith(f.hearth.base + "/c/book-club/join"), "stays here");
    assertTrue(find("#server-error").getText().contains("That is not a server name"));
    assertEquals("true", find("#server").getAttribute("aria-invalid"));
  }

  @Test
  @Order(4)
  void aModeratorSignsInAndApprovesAJoinRequest() throws Exception {
    open("/staff");
    assertTrue(browser.driver.getCurrentUrl().contains("/login?next="), "sent to sign in first");
    find("#username").sendKeys("mod");
    find("#password").sendKeys("wrong password");
    navigate(find("form[action$='/login'] button"));
    assertTrue(find("#login-error").getText().contains("Wrong username or password"));
    find("#password").sendKeys(WebFixture.PASSWORD);
    navigate(find("form[action$='/login'] button"));
    await().until(ExpectedConditions.urlToBe(f.hearth.base + "/staff"));
    assertTrue(find("main").getText().contains("Book club"));
    navigate(find("a[href$='/staff/c/book-club']"));
    shoot("staff-overview");
    navigate(find("a[href$='/members?state=pending']"));
    WebElement request = find("li[data-row]");
    assertTrue(request.getText().contains("Bo Applicant") && request.getText().contains("The Left Hand of Darkness"),
        "the request with the answer to the join question");
    shoot("staff-members");
    String before = browser.driver.getCurrentUrl();
    request.findElement(By.cssSelector("form[action$='/members/approve'] button")).click();
    await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li[data-row]"), "Approved"));
    assertEquals(before, browser.driver.getCurrentUrl(), "no reload");
    assertEquals("accepted", state(bo));
  }

  @Test
  @Order(5)
  void aModeratorApprovesAHeldPostWithItsReason() throws Exception {
    open("/staff/c/book-club/queue");
    WebElement item = find("article[data-row]");
    assertTrue(item.getText().contains("the House is the whole world"));
    String reasons = item.getText().toLowerCase(java.util.Locale.ROOT);
    assertTrue(reasons.contains("keywords") && reasons.contains("\u201cspoiler\u201d, a blocked word"), "the reason it was held: " + item.getText());
    shoot("staff-queue");
    item.findElement(By.cssSelector("form[action$='/approve'] button")).click();
    await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("article[data-row]"), "Approved and published"));
    assertFalse(f.hearth.sql("SELECT 1 FROM posts WHERE object_id = $1 AND deleted_at IS NULL", heldPost).isEmpty(), "published");
    open("/c/book-club");
    assertTrue(find("main").getText().contains("the House is the whole world"));
  }

  @Test
  @Order(6)
  void aModeratorResolvesAReport() throws Exception {
    open("/staff/c/book-club/reports");
    WebElement report = find("article[data-row]");
    assertTrue(report.getText().contains("This is an advert") && report.getText().contains("Cheap Watches"));
    new org.openqa.selenium.support.ui.Select(report.findElement(By.cssSelector("select[name=action]"))).selectByValue("remove_post");
    report.findElement(By.cssSelector("input[name=note]")).sendKeys("advertising");
    shoot("staff-reports");
    report.findElement(By.cssSelector("button[type=submit]")).click();
    try {
      await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("article[data-row]"), "Report resolved"));
    } catch (RuntimeException e) {
      throw new AssertionError("the page said: " + find("#live").getAttribute("textContent"), e);
    }
    assertEquals("resolved", f.hearth.sql("SELECT state FROM reports").get(0).getString(0));
    assertTrue(f.hearth.sql("SELECT 1 FROM posts WHERE object_id = $1 AND deleted_at IS NULL", spamPost).isEmpty(), "removed");
    open("/staff/c/book-club/audit");
    assertTrue(find("main").getText().contains("by removing the post"), "the audit log reads as a sentence");
  }

  @Test
  @Order(7)
  void aFormWithoutItsCsrfTokenIsRefused() {
    open("/staff/c/book-club/members?state=accepted");
    navigate(find("a[href*='/member?actor=" + java.net.URLEncoder.encode(WebFixture.actor(spammer), java.nio.charset.StandardCharsets.UTF_8) + "']"));
    WebElement form = find("form[action$='/members/remove']");
    browser.driver.executeScript("arguments[0].querySelector('input[name=_csrf]').remove();"
        + "arguments[0].removeAttribute('data-confirm');", form);
    navigate(form.findElement(By.cssSelector("button")));
    assertEquals("403", find("h1").getText());
    assertTrue(find("main").getText().contains("This form has expired or did not come from this site"));
    assertEquals("accepted", state(spammer), "nothing happened");
  }

  @Test
  @Order(8)
  void theOwnerSeesSettingsAndEverythingReadsInRussian() throws Exception {
    open("/staff");
    navigate(find("form[action$='/logout'] button"));
    await().until(ExpectedConditions.urlContains("notice=signed_out"));
    open("/login");
    shoot("login");
    find("#username").sendKeys("owner");
    find("#password").sendKeys(WebFixture.PASSWORD);
    navigate(find("form[action$='/login'] button"));
    await().until(ExpectedConditions.urlToBe(f.hearth.base + "/staff"));
    open("/staff/c/book-club/settings");
    assertEquals("Book club", find("#name").getAttribute("value"));
    java.nio.file.Path avatar = java.nio.file.Files.createTempFile("avatar", ".png");
    java.nio.file.Files.write(avatar, WebFixture.png(256, 256, new java.awt.Color(0x1f, 0x4e, 0x5a), new java.awt.Color(0x3f, 0x8f, 0x7f)));
    find("#avatar-file").sendKeys(avatar.toString());
    find("#avatar-alt").sendKeys("Teal book cover");
    navigate(find("form[action$='/settings/media'] button[type=submit]:not([name])"));
    assertTrue(find(".notice.ok").getText().contains("Image saved"));
    shoot("staff-settings");
    open("/c/book-club");
    assertEquals("Teal book cover", find("img.avatar").getAttribute("alt"), "the new avatar on the public page");

    language("ru");
    open("/staff/c/book-club/settings");
    assertTrue(find("main").getText().contains("Профиль и правила работы"));
    shoot("staff-settings");
    for (String[] page : List.of(new String[] {"/staff/c/book-club", "staff-overview"},
        new String[] {"/staff/c/book-club/members?state=accepted", "staff-members"},
        new String[] {"/staff/c/book-club/queue?state=approved", "staff-queue"},
        new String[] {"/staff/c/book-club/reports?state=resolved", "staff-reports"})) {
      open(page[0]);
      shoot(page[1]);
    }
    navigate(find("form[action$='/logout'] button"));
    await().until(ExpectedConditions.urlContains("notice=signed_out"));
    assertTrue(find("main").getText().contains("Вы вышли."));
    open("/login");
    shoot("login");
    open("/");
    assertTrue(find("h1").getText().startsWith("Сообщества на"));
    shoot("home");
    open("/c/book-club");
    assertTrue(find("main").getText().contains("Как вступить") && find("main").getText().contains("5 участников"));
    shoot("community");
    open("/c/book-club/posts/" + f.postId(anaPost));
    assertTrue(find("#replies h2").getText().equals("1 ответ"));
    shoot("post");
    language("en");
  }

  @Test
  @Order(9)
  void anInstanceAdminCreatesACommunityAndSeesItsSetupChecklist() throws Exception {
    f.staff("root", null);
    open("/login");
    find("#username").sendKeys("root");
    find("#password").sendKeys(WebFixture.PASSWORD);
    navigate(find("form[action$='/login'] button"));
    await().until(ExpectedConditions.urlToBe(f.hearth.base + "/staff"));
    navigate(find("a[href$='/staff/admin/communities#new-community']"));
    find("#c-slug").sendKeys("Poetry Circle");
    find("#c-name").sendKeys("Poetry circle");
    find("#c-summary").sendKeys("We read a poem a day and talk about it.");
    new org.openqa.selenium.support.ui.Select(find("#c-owner")).selectByValue("owner");
    navigate(find("#new-community button[type=submit]"));
    assertTrue(find("#c-slug-error").getText().contains("Use only lower-case letters"), "the field at fault is named");
    assertEquals("true", find("#c-slug").getAttribute("aria-invalid"));
    assertEquals("Poetry circle", find("#c-name").getAttribute("value"), "what was typed is kept");
    shoot("admin-new-community");
    find("#c-slug").clear();
    find("#c-slug").sendKeys("poetry-circle");
    navigate(find("#new-community button[type=submit]"));
    await().until(ExpectedConditions.urlContains("/staff/c/poetry-circle"));
    assertTrue(find("#setup").getText().contains("1 of 9 done"), find("#setup").getText());
    shoot("setup-checklist");
    navigate(find("#setup li[data-item=welcome] a"));
    assertTrue(browser.driver.getCurrentUrl().endsWith("/staff/c/poetry-circle/settings#welcomeMessage"));
    navigate(find("form[action$='/logout'] button")); // the next journey signs in as someone else
  }

  @Test
  @Order(10)
  void theOwnerWritesAPostWithAnImagePreviewsItPublishesItAndPinsIt() throws Exception {
    language("en");
    open("/login");
    find("#username").sendKeys("owner");
    find("#password").sendKeys(WebFixture.PASSWORD);
    navigate(find("form[action$='/login'] button"));
    await().until(ExpectedConditions.urlToBe(f.hearth.base + "/staff"));

    open("/staff/c/book-club/posts/new?template=about");
    assertTrue(find("#content").getAttribute("value").contains("Welcome to Book club"), "template #1 from the community");
    shoot("post-compose-template");

    open("/staff/c/book-club/posts/new");
    find("#content").sendKeys("Nothing typed is lost");
    open("/staff/c/book-club/posts/new");
    assertTrue(find("#content").getAttribute("value").contains("Nothing typed is lost"), "the draft came back");
    find("#content").clear();
    find("#content").sendKeys("Our **monthly** pick is out! #bookclub");
    assertTrue(find("#content-count").getText().startsWith("38 / 20,000"), find("#content-count").getText());
    java.nio.file.Path cover = java.nio.file.Files.createTempFile("cover", ".png");
    java.nio.file.Files.write(cover, WebFixture.png(320, 200, new java.awt.Color(0x8a, 0x3b, 0x12), new java.awt.Color(0xe8, 0xc8, 0x7a)));
    find("#image1").sendKeys(cover.toString());
    find("#alt1").sendKeys("Three novels stacked on a windowsill");
    navigate(find("button[name=do][value=preview]"));
    assertTrue(find("#preview strong").getText().equals("monthly"), "the preview shows the Markdown rendered");
    assertEquals("Three novels stacked on a windowsill", find("img.thumb").getAttribute("alt"), "the image is kept");
    shoot("post-compose-preview");

    find("input[name=pin]").click();
    navigate(find("button[name=do][value=publish]"));
    await().until(ExpectedConditions.urlContains("notice=post_published"));
    assertTrue(find("main").getText().contains("pick is out! #bookclub"));
    shoot("post-list");

    open("/c/book-club");
    WebElement pinned = find("section[aria-labelledby=pinned]");
    assertTrue(pinned.getText().contains("Our monthly pick is out!"), "pinned, on top");
    assertEquals("Three novels stacked on a windowsill", pinned.findElement(By.cssSelector("img.post-image")).getAttribute("alt"));
    assertEquals(1, find("main").getText().split("Our monthly pick is out!", -1).length - 1, "shown once");
    shoot("community-pinned-post");
  }
}
