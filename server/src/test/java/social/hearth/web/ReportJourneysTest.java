package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.TestHearth;

/**
 * A member reports posts by direct message as Mastodon sends it (the community's mention first, then "report" and
 * the address of the post's page here); a moderator opens the reports in headless Chromium, sees each post with its
 * content (behind its content warning), author and date, clicks "Remove the post" and sees it removed; a report of a
 * post already removed says so and stays open. Screenshots in English and Russian, desktop and phone
 * (docs/screenshots/report-*).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportJourneysTest {

  static WebFixture f;
  static Browser browser;
  static String spoiler;
  static String advert;

  @BeforeAll
  static void start() throws Exception {
    Browser.require();
    f = WebFixture.start("127.0.0.153");
    SigningKey ivy = f.person("ivy", "Ivy Gardener");
    SigningKey hal = f.person("hal", "Hal Reads");
    SigningKey max = f.person("max", "Max Deals");
    for (SigningKey k : List.of(ivy, hal, max)) {
      f.follow(k);
    }
    spoiler = post(ivy, "Piranesi, the ending", "<p>The Other is the one who <b>trapped</b> him all along.</p>");
    advert = post(max, null, "<p>Cheap e-books at example dot com, 90% off!</p>");
    report(hal, spoiler, "it spoils the ending without a warning that says so");
    report(hal, advert, "advertising");
    report(hal, spoiler, "this one again");
    f.staff("mod", "moderator");
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

  /** A member's public post in the community, optionally behind a content warning; returns its id. */
  static String post(SigningKey author, String warning, String html) throws Exception {
    String id = WebFixture.actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", WebFixture.actor(author)).put("content", html)
        .put("published", java.time.Instant.now().toString()).put("url", id);
    if (warning != null) {
      n.put("summary", warning).put("sensitive", true);
    }
    n.putArray("to").add(WebFixture.PUBLIC);
    n.putArray("cc").add(f.group);
    n.putArray("tag").addObject().put("type", "Mention").put("href", f.group);
    f.remote.serve(id.substring(f.remote.origin.length()), n.toString());
    f.send(author, f.hearth.base + "/inbox", f.activity(author, "Create", n));
    return id;
  }

  /** A report by direct message, in Mastodon's HTML: the h-card mention, "report", the post page's address. */
  static void report(SigningKey from, String post, String why) throws Exception {
    String page = f.hearth.base + "/c/book-club/posts/" + f.postId(post);
    f.directMessage(from, "<p><span class=\"h-card\" translate=\"no\"><a href=\"" + f.group + "\" class=\"u-url mention\">"
        + "@<span>book-club</span></a></span> report <a href=\"" + page + "\" rel=\"nofollow noopener\">" + page + "</a> "
        + why + "</p>");
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

  static void navigate(WebElement clickable) {
    WebElement html = find("html");
    clickable.click();
    await().until(Browser.gone(html));
    await().until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void shoot(String name) throws Exception {
    browser.shoot(name);
  }

  /** The open report about a post, found by the words of its comment. */
  static WebElement reportSaying(String words) {
    return browser.driver.findElements(By.cssSelector("article[data-row]")).stream()
        .filter(a -> a.findElement(By.cssSelector(".answer")).getText().contains(words)).findFirst()
        .orElseThrow(() -> new AssertionError("no open report saying " + words));
  }

  static boolean live(String post) {
    return !f.hearth.sql("SELECT 1 FROM posts WHERE object_id = $1 AND deleted_at IS NULL", post).isEmpty();
  }

  @Test
  @Order(1)
  void aModeratorSeesTheReportedPostWithItsAuthorAndRemovesIt() throws Exception {
    open("/staff");
    find("#username").sendKeys("mod");
    find("#password").sendKeys(WebFixture.PASSWORD);
    navigate(find("form[action$='/login'] button"));
    open("/staff/c/book-club/reports");
    WebElement report = reportSaying("spoils the ending");
    String text = report.getText();
    assertTrue(text.contains("Ivy Gardener") && text.contains("@ivy@"), "the author's name and handle: " + text);
    assertTrue(text.contains("Piranesi, the ending"), "the content warning: " + text);
    assertFalse(text.contains("trapped him"), "the content stays behind its warning until opened");
    assertTrue(report.findElements(By.xpath(".//a[starts-with(normalize-space(.), 'http')]")).isEmpty(),
        "no post shown as a raw address: " + text);
    WebElement warning = report.findElement(By.cssSelector("details.cw summary"));
    warning.click();
    assertTrue(report.findElement(By.cssSelector("details.cw .content b")).getText().equals("trapped"),
        "the post's own (sanitised) markup");
    assertEquals(f.hearth.base + "/c/book-club/posts/" + f.postId(spoiler),
        report.findElement(By.cssSelector("article.post footer a")).getAttribute("href"), "the date links to the post's page");
    shoot("report-open");

    report.findElement(By.cssSelector("button[name=do][value=remove_post]")).click();
    await().until(ExpectedConditions.textToBePresentInElement(report, "Report resolved: the post was removed."));
    assertFalse(live(spoiler), "removed");
    shoot("report-removed");
    assertEquals(404, f.hearth.get(f.hearth.base + "/c/book-club/posts/" + f.postId(spoiler), "text/html").statusCode());
  }

  @Test
  @Order(2)
  void removingAPostAlreadyRemovedSaysSoAndTheReportStaysOpen() throws Exception {
    open("/staff/c/book-club/reports");
    WebElement report = reportSaying("this one again");
    assertTrue(report.getText().contains("A reported post, already removed") && report.getText().contains("Ivy Gardener"),
        report.getText());
    new org.openqa.selenium.support.ui.Select(report.findElement(By.cssSelector("select[name=action]"))).selectByValue("remove_post");
    report.findElement(By.cssSelector("button[type=submit]")).click();
    await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"),
        "The reported post was already removed, so nothing was removed now."));
    assertFalse(report.getText().contains("Report resolved"));
    assertEquals(2, f.hearth.sql("SELECT 1 FROM reports WHERE state = 'open'").size(), "still open");
  }

  @Test
  @Order(3)
  void inRussianTheModeratorRemovesTheAdvert() throws Exception {
    open("/staff/c/book-club/reports");
    navigate(find(".lang-switch button[value='ru']"));
    open("/staff/c/book-club/reports");
    WebElement report = reportSaying("advertising");
    assertTrue(report.getText().contains("Max Deals") && report.getText().contains("Cheap e-books"), report.getText());
    assertTrue(report.getText().contains("Удалить пост"));
    shoot("report-open");
    report.findElement(By.cssSelector("button[name=do][value=remove_post]")).click();
    await().until(ExpectedConditions.textToBePresentInElement(report, "Жалоба решена: пост удалён."));
    assertFalse(live(advert), "removed");
    shoot("report-removed");
    open("/staff/c/book-club/reports?state=resolved");
    assertTrue(find("main").getText().contains("Пост из жалобы, уже удалён"));
  }
}
