package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import social.hearth.federation.sig.SigningKey;

/**
 * Events and polls in headless Chromium against a real Hearth (issue 16): the owner opens the Events tab, publishes an
 * event and, from there, a poll; the community's page shows both, the calendar lists the event and shows it in its
 * month; an event a member posts from Mobilizon shows its name too. Screenshots:
 * docs/screenshots/events-*-{en,ru}-{desktop,phone}.png.
 */
class EventJourneysTest {

  static WebFixture f;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Browser.require();
    f = WebFixture.start("127.0.0.94");
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
    await().until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void set(String css, String value) {
    ((JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1]", find(css), value);
  }

  static void shoot(String name) throws Exception {
    browser.shoot(name);
  }

  @Test
  void theOwnerPublishesAnEventAndAPollAndSeesThemOnTheCommunityPageAndTheCalendar() throws Exception {
    open("/login");
    find("#username").sendKeys("owner");
    find("#password").sendKeys(WebFixture.PASSWORD);
    submit(find("form[action$='/login'] button"));
    await().until(ExpectedConditions.urlToBe(f.hearth.base + "/staff"));

    open("/staff/c/book-club");
    submit(find(".tabs a[href$='/staff/c/book-club/events']"));
    assertEquals("page", find(".tabs a[href$='/staff/c/book-club/events']").getAttribute("aria-current"),
        "the Events tab is the current one");
    submit(find("a[href$='/staff/c/book-club/events/new']"));
    LocalDateTime start = LocalDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(2).truncatedTo(ChronoUnit.HOURS).withHour(19);
    find("#name").sendKeys("Reading night: Piranesi");
    find("#content").sendKeys("We read the first chapter aloud. **Bring tea.**");
    set("#startTime", start.toString());
    set("#endTime", start.plusHours(2).toString());
    find("#timezone").clear();
    find("#timezone").sendKeys("Europe/Berlin");
    find("#placeName").sendKeys("Café Lesezeichen");
    find("#placeAddress").sendKeys("Kastanienallee 12, Berlin");
    submit(find("form.card button[type=submit]"));
    assertTrue(find(".notice.ok").getText().contains("The event is published"), find("main").getText());
    assertEquals("Reading night: Piranesi", find("#name").getAttribute("value"), "the event's page, to edit it");
    submit(find(".tabs a[href$='/staff/c/book-club/events']"));
    assertTrue(find("main").getText().contains("Reading night: Piranesi"), find("main").getText());
    shoot("events-staff");

    submit(find("main a[href$='/staff/c/book-club/polls']"));
    find("#question").sendKeys("Which book should we read next?");
    find("#option1").sendKeys("Piranesi");
    find("#option2").sendKeys("Kindred");
    submit(find("#poll-form button[type=submit]"));
    assertTrue(find(".notice.ok").getText().contains("The poll is published"), find("main").getText());

    SigningKey mobi = f.person("mobi", "Mobi Events");
    f.follow(mobi);
    String remote = RemoteEvents.remoteEvent(f, mobi, "Gancio: poetry picnic", "<p>Blankets provided.</p>");
    for (int i = 0; i < 200 && f.hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", remote).isEmpty(); i++) {
      Thread.sleep(50);
    }

    open("/c/book-club");
    String community = find("main").getText();
    assertTrue(community.contains("Reading night: Piranesi"), community);
    assertTrue(community.contains("Which book should we read next?"), community);
    assertTrue(find(".post .post-name").getText().contains("Gancio: poetry picnic"), "a remote event shows its name");
    shoot("events-community");

    open("/c/book-club/events");
    assertTrue(find("[data-calendar-event]").getText().contains("Reading night: Piranesi"), find("main").getText());
    shoot("events-list");
    YearMonth month = YearMonth.from(start);
    open("/c/book-club/events?view=month&month=" + month);
    WebElement day = find("td[data-day='" + start.toLocalDate() + "']");
    assertTrue(day.getText().contains("Reading night: Piranesi"), day.getText());
    shoot("events-month");

    submit(find(".lang-switch button[value='ru']"));
    await().until(d -> "ru".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertTrue(find("td[data-day='" + start.toLocalDate() + "']").getText().contains("Reading night: Piranesi"));
    shoot("events-month");
    open("/c/book-club/events");
    assertTrue(find("main").getText().contains("Reading night: Piranesi"));
    shoot("events-list");
    open("/c/book-club");
    assertTrue(find("main").getText().contains("Which book should we read next?"));
    shoot("events-community");
    open("/staff/c/book-club/events");
    assertEquals("События", find(".tabs a[aria-current='page']").getText());
    shoot("events-staff");
  }
}
