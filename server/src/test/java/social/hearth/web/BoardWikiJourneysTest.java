package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import social.hearth.federation.sig.SigningKey;

/**
 * The wiki in headless Chromium against a real Hearth: the owner starts a page from the community's wiki, saves it
 * without a name and gets the editor back with the text kept and the error next to the name, names it in Cyrillic
 * and saves; edits it; compares the two revisions in the history; restores the first; the page links to another by
 * name. The board: a member's #идея post is an idea, another member's like its vote; the owner sets it "planned"
 * with a comment (an over-long comment first comes back kept, with the error next to it), the board filtered by
 * status shows it. The digest: the owner previews it, a wrong time comes back kept with its error, the setting is
 * saved and the digest published now. Screenshots: docs/screenshots/wiki-*, board-*, digest-*-{en,ru}-{desktop,phone}.png.
 */
class BoardWikiJourneysTest {

  static WebFixture f;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Browser.require();
    f = WebFixture.start("127.0.0.74");
    f.staff("owner", "owner");
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

  static void submit(WebElement button) {
    WebElement html = find("html");
    button.click();
    try {
      await().until(Browser.gone(html));
    } catch (org.openqa.selenium.WebDriverException e) {
      // Chromium may answer "does not belong to the document" for the old page's node: it is gone, as awaited
      if (!String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        throw e;
      }
    }
    await().until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void shoot(String name) throws Exception {
    browser.shoot(name);
  }

  @Test
  void theOwnerWritesAWikiPageComparesItsRevisionsAndRestoresTheFirst() throws Exception {
    browser.driver.manage().deleteAllCookies();
    open("/login");
    find("#username").sendKeys("owner");
    find("#password").sendKeys(WebFixture.PASSWORD);
    submit(find("form[action$='/login'] button"));
    await().until(ExpectedConditions.urlToBe(f.hearth.base + "/staff"));

    open("/c/book-club");
    submit(find("a[href$='/c/book-club/wiki']"));
    assertTrue(find("main").getText().contains("No pages yet."), find("main").getText());
    submit(find("a[href$='/staff/c/book-club/wiki/edit']"));
    find("#wiki-content").sendKeys("Write to the group and answer the question.\n\nSee [[Rules]].");
    find("#wiki-summary").sendKeys("First draft");
    submit(find("#wiki-form button[type=submit]"));
    assertTrue(find("#wiki-name-error").getText().contains("A page needs a name."), find("main").getText());
    assertTrue(find("#wiki-content").getAttribute("value").contains("See [[Rules]]."), "the text is kept");
    assertEquals("First draft", find("#wiki-summary").getAttribute("value"));
    shoot("wiki-form");

    find("#wiki-name").sendKeys("Как вступить");
    submit(find("#wiki-form button[type=submit]"));
    assertTrue(find(".notice.ok").getText().contains("The page is saved."), find("main").getText());
    assertEquals(f.hearth.base + "/c/book-club/wiki/%D0%9A%D0%B0%D0%BA%20%D0%B2%D1%81%D1%82%D1%83%D0%BF%D0%B8%D1%82%D1%8C",
        browser.driver.getCurrentUrl().replaceAll("\\?.*$", ""));
    assertEquals("Как вступить", find("[data-wiki-page] h1").getText());
    assertTrue(find("[data-wiki-page] a[href$='/c/book-club/wiki/Rules']").getText().equals("Rules"));

    submit(find("a[href*='/staff/c/book-club/wiki/edit?name=']"));
    WebElement content = find("#wiki-content");
    content.clear();
    content.sendKeys("Write to the group, answer the question and wait a day.\n\nSee [[Rules]].");
    find("#wiki-summary").sendKeys("Waiting time");
    submit(find("#wiki-form button[type=submit]"));
    assertTrue(find("[data-wiki-page]").getText().contains("wait a day"));
    shoot("wiki-page");

    submit(find("a[href$='/history']"));
    assertEquals(2, browser.driver.findElements(By.cssSelector("[data-revision]")).size());
    assertTrue(find("[data-revision='2']").getText().contains("Waiting time"));
    find("[data-revision='1'] input[name=from]").click();
    find("[data-revision='2'] input[name=to]").click();
    shoot("wiki-history");
    submit(find("form[action$='/diff'] button"));
    assertTrue(find("[data-diff] del").getText().contains("answer the question."), find("[data-diff]").getText());
    assertTrue(find("[data-diff] ins").getText().contains("wait a day."), find("[data-diff]").getText());
    shoot("wiki-diff");

    submit(find("a[href$='/history']"));
    new Select(find("#revert-to")).selectByValue("1");
    submit(find("form[action$='/wiki/revert'] button"));
    assertTrue(find(".notice.ok").getText().contains("restored"), find("main").getText());
    assertEquals(3, browser.driver.findElements(By.cssSelector("[data-revision]")).size());
    submit(find("nav a[href*='/c/book-club/wiki/%D0']"));
    assertTrue(!find("[data-wiki-page]").getText().contains("wait a day"), "the first text is back");

    submit(find(".lang-switch button[value='ru']"));
    await().until(d -> "ru".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertTrue(find("[data-wiki-page]").getText().contains("Версия 3"), find("[data-wiki-page]").getText());
    shoot("wiki-page");
    submit(find("a[href$='/history']"));
    assertTrue(find("main").getText().contains("История страницы «Как вступить»"));
    shoot("wiki-history");
    open("/c/book-club/wiki/%D0%9A%D0%B0%D0%BA%20%D0%B2%D1%81%D1%82%D1%83%D0%BF%D0%B8%D1%82%D1%8C/diff?from=1&to=2");
    assertTrue(find("[data-diff]").getText().contains("добавлено:") || find("[data-diff] ins") != null);
    shoot("wiki-diff");
    open("/staff/c/book-club/wiki/edit");
    submit(find("#wiki-form button[type=submit]"));
    assertTrue(find("#wiki-name-error").getText().contains("У страницы должно быть название."), find("main").getText());
    shoot("wiki-form");
  }

  @Test
  void aMembersIdeaIsOnTheBoardWithItsVoteAndTheOwnerPlansIt() throws Exception {
    SigningKey ana = f.person("ana", "Ana Reads");
    SigningKey ben = f.person("ben", "Ben");
    f.follow(ana);
    f.follow(ben);
    String idea = f.post(ana, "<p>Давайте читать вслух по пятницам! <a href=\"https://remote/tags/идея\" class=\"mention hashtag\""
        + " rel=\"tag\">#<span>идея</span></a></p>", null, java.util.List.of("идея"));
    for (int i = 0; i < 200 && f.hearth.sql("SELECT 1 FROM board_ideas WHERE object_id = $1", idea).isEmpty(); i++) {
      Thread.sleep(50);
    }
    f.send(ben, f.group + "/inbox", f.activity(ben, "Like", idea));
    for (int i = 0; i < 200 && f.hearth.sql("SELECT votes FROM board_ideas WHERE object_id = $1", idea).get(0)
        .getInteger(0) == 0; i++) {
      Thread.sleep(50);
    }

    browser.driver.manage().deleteAllCookies();
    open("/login");
    find("#username").sendKeys("owner");
    find("#password").sendKeys(WebFixture.PASSWORD);
    submit(find("form[action$='/login'] button"));
    open("/c/book-club");
    submit(find("a[href$='/c/book-club/board']"));
    WebElement entry = find("[data-idea]");
    assertTrue(entry.getText().contains("Давайте читать вслух по пятницам!"), entry.getText());
    assertEquals("1 vote", entry.findElement(By.cssSelector("[data-votes]")).getText());
    assertEquals("New", entry.findElement(By.cssSelector("[data-status]")).getText());
    shoot("board");

    new Select(entry.findElement(By.cssSelector("select[name=status]"))).selectByValue("planned");
    entry.findElement(By.cssSelector("textarea[name=comment]")).sendKeys("x".repeat(2001));
    submit(entry.findElement(By.cssSelector("button[type=submit]")));
    entry = find("[data-idea]");
    assertTrue(entry.getText().contains("at most 2,000 characters"), entry.getText());
    assertEquals(2001, entry.findElement(By.cssSelector("textarea[name=comment]")).getAttribute("value").length(),
        "the comment is kept");
    WebElement comment = entry.findElement(By.cssSelector("textarea[name=comment]"));
    comment.clear();
    comment.sendKeys("We start in May.");
    new Select(entry.findElement(By.cssSelector("select[name=status]"))).selectByValue("planned");
    submit(entry.findElement(By.cssSelector("button[type=submit]")));
    assertTrue(find(".notice.ok").getText().contains("the community replied"), find("main").getText());
    assertEquals("Planned", find("[data-idea] [data-status]").getText());
    assertTrue(find("[data-idea] [data-comment]").getText().contains("We start in May."));
    assertEquals(1, f.hearth.sql("SELECT count(*) FROM board_replies").get(0).getLong(0), "the reply is published");

    submit(find("a[href$='/board?status=done']"));
    assertTrue(find("main").getText().contains("No ideas here yet."));
    submit(find("a[href$='/board?status=planned']"));
    assertTrue(find("[data-idea]").getText().contains("We start in May."));
    shoot("board-planned");
    submit(find(".lang-switch button[value='ru']"));
    await().until(d -> "ru".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertEquals("В планах", find("[data-idea] [data-status]").getText());
    assertEquals("1 голос", find("[data-idea] [data-votes]").getText());
    shoot("board-planned");
    open("/c/book-club/board");
    shoot("board");
    submit(find(".lang-switch button[value='en']"));
  }

  @Test
  void theOwnerPreviewsTheDigestSetsItAndPublishesItNow() throws Exception {
    SigningKey cleo = f.person("cleo", "Cleo");
    f.follow(cleo);
    String post = f.post(cleo, "<p>Tea and books on Sunday?</p>", null, java.util.List.of());
    for (int i = 0; i < 200 && f.hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", post).isEmpty(); i++) {
      Thread.sleep(50);
    }
    browser.driver.manage().deleteAllCookies();
    open("/login");
    find("#username").sendKeys("owner");
    find("#password").sendKeys(WebFixture.PASSWORD);
    submit(find("form[action$='/login'] button"));
    open("/staff/c/book-club/posts");
    submit(find("a[href$='/staff/c/book-club/digest']"));
    assertTrue(find("[data-digest-preview]").getText().contains("Tea and books on Sunday?"), find("main").getText());

    find("#digest-form input[name=enabled]").click();
    WebElement time = find("#digest-time");
    time.clear();
    time.sendKeys("9am");
    submit(find("#digest-form button[type=submit]"));
    assertTrue(find("#digest-time-error").getText().contains("HH:MM"), find("main").getText());
    assertEquals("9am", find("#digest-time").getAttribute("value"), "what was typed is kept");
    assertTrue(find("#digest-form input[name=enabled]").isSelected());
    shoot("digest");
    time = find("#digest-time");
    time.clear();
    time.sendKeys("08:00");
    submit(find("#digest-form button[type=submit]"));
    assertTrue(find(".notice.ok").getText().contains("The digest setting is saved."), find("main").getText());
    submit(find("form[action$='/digest/publish'] button"));
    assertTrue(find(".notice.ok").getText().contains("The digest is published."), find("main").getText());
    assertTrue(f.hearth.sql("SELECT markdown FROM authored_posts WHERE markdown LIKE '%Tea and books on Sunday?%'").size() == 1,
        "the digest is the community's post");
  }
}
