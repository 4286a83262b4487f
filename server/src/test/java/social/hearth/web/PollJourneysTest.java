package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.TestHearth;

/**
 * Polls in headless Chromium against a real Hearth: the owner asks a question with one option only and gets the form
 * back with the error next to the options and the question kept, adds a second option and publishes; a member votes
 * from their server as Mastodon does; the community's page and the poll's page show the options with the results
 * and their bars. Screenshots: docs/screenshots/polls-*-{en,ru}-{desktop,phone}.png.
 */
class PollJourneysTest {

  static WebFixture f;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Browser.require();
    f = WebFixture.start("127.0.0.73");
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
    await().until(Browser.gone(html));
    await().until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void shoot(String name) throws Exception {
    browser.shoot(name);
  }

  @Test
  void theOwnerAsksAQuestionAndTheCommunityPageShowsItWithItsResults() throws Exception {
    open("/login");
    find("#username").sendKeys("owner");
    find("#password").sendKeys(WebFixture.PASSWORD);
    submit(find("form[action$='/login'] button"));
    await().until(ExpectedConditions.urlToBe(f.hearth.base + "/staff"));

    open("/staff/c/book-club/posts");
    submit(find("a[href$='/staff/c/book-club/polls']"));
    find("#question").sendKeys("Which book should we read in May?");
    find("#option1").sendKeys("Piranesi");
    submit(find("#poll-form button[type=submit]"));
    assertEquals("Which book should we read in May?", find("#question").getAttribute("value"), "the question is kept");
    assertEquals("Piranesi", find("#option1").getAttribute("value"));
    assertTrue(find("#options-error").getText().contains("at least two options"), find("#options-error").getText());
    shoot("polls-form");

    find("#option2").sendKeys("The Left Hand of Darkness");
    find("#option3").sendKeys("Kindred");
    submit(find("#poll-form button[type=submit]"));
    assertTrue(find(".notice.ok").getText().contains("The poll is published"), find("main").getText());
    String iri = f.hearth.sql("SELECT iri FROM polls WHERE key IS NOT NULL").get(0).getString(0);

    SigningKey ana = f.person("ana", "Ana Reads");
    f.follow(ana);
    ObjectNode vote = TestHearth.JSON.createObjectNode();
    vote.put("id", WebFixture.actor(ana) + "#votes/1").put("type", "Note").put("name", "Kindred")
        .put("inReplyTo", iri).put("attributedTo", WebFixture.actor(ana));
    vote.putArray("to").add(f.group);
    f.send(ana, f.group + "/inbox", f.activity(ana, "Create", vote));
    for (int i = 0; i < 200 && f.hearth.sql("SELECT voters FROM polls WHERE iri = $1", iri).get(0).getInteger(0) == 0; i++) {
      Thread.sleep(50);
    }

    open("/c/book-club");
    assertTrue(find(".post").getText().contains("Which book should we read in May?"), find(".post").getText());
    WebElement poll = find(".post .poll");
    assertTrue(poll.getText().contains("Kindred") && poll.getText().contains("1 vote · 100%"), poll.getText());
    assertTrue(poll.getText().contains("1 person voted"), poll.getText());
    assertEquals(3, poll.findElements(By.tagName("progress")).size(), "a bar per option");
    shoot("polls-community");
    submit(find(".post footer a[href*='/c/book-club/posts/']"));
    assertTrue(find(".post.focus .poll").getText().contains("The Left Hand of Darkness"));
    shoot("polls-post");

    submit(find(".lang-switch button[value='ru']"));
    await().until(d -> "ru".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertTrue(find(".post.focus .poll").getText().contains("Проголосовал 1 человек"), find(".post.focus .poll").getText());
    shoot("polls-post");
    open("/c/book-club");
    assertTrue(find(".post .poll").getText().contains("1 голос"));
    shoot("polls-community");
    open("/staff/c/book-club/polls");
    assertTrue(find("main").getText().contains("Задать вопрос"));
    assertTrue(find("[data-row] .poll").getText().contains("Which book should we read in May?"), "the list names it");
    shoot("polls-form");
  }
}
