package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import social.hearth.federation.sig.SigningKey;

/**
 * Filters in headless Chromium (issue 15): an owner sees a filter's whole configuration, edits it and turns it off;
 * a pattern the engine cannot run comes back with the problem next to the field and what was typed kept; the form
 * shows only the fields of the chosen kind; a moderator publishes a refused post anyway. Screenshots in
 * docs/screenshots (filters-*, form-error-*), English and Russian, desktop and phone.
 */
class FilterJourneysTest {

  static WebFixture f;
  static Browser browser;
  static SigningKey ana;
  static String refused;

  @BeforeAll
  static void start() throws Exception {
    Browser.require();
    f = WebFixture.start("127.0.0.74");
    ana = f.person("ana", "Ana Reads");
    f.follow(ana);
    f.admin("POST", "/api/v1/admin/communities/book-club/filters",
        "{\"kind\":\"links\",\"config\":{\"max\":3,\"deny\":[\"spam.example\",\"watches.example\"]},\"action\":\"reject\"}", 200);
    f.admin("POST", "/api/v1/admin/communities/book-club/filters",
        "{\"kind\":\"keywords\",\"config\":{\"words\":[\"casino\",\"free money\"]},\"action\":\"reject\"}", 200);
    refused = f.post(ana, "<p>Our casino night raised money for the library!</p>", null, List.of());
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

  /** Clicks something that loads a new page (accepting its confirmation, if any), and waits until it has. */
  static void navigate(WebElement clickable, boolean confirm) {
    WebElement html = find("html");
    clickable.click();
    if (confirm) {
      await().until(ExpectedConditions.alertIsPresent()).accept();
    }
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
    await().until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void language(String lang) {
    navigate(find(".lang-switch button[value='" + lang + "']"), false);
    await().until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  static void shoot(String name) throws Exception {
    browser.shoot(name);
  }

  @Test
  void anOwnerEditsAFilterTurnsItOffSeesAPatternErrorAndPublishesARefusedPostAnyway() throws Exception {
    open("/login");
    find("#username").sendKeys("owner");
    find("#password").sendKeys(WebFixture.PASSWORD);
    navigate(find("form[action$='/login'] button"), false);
    await().until(ExpectedConditions.urlToBe(f.hearth.base + "/staff"));

    // the whole configuration of each filter, lists as chips
    open("/staff/c/book-club/filters");
    String list = find("main").getText();
    assertTrue(list.contains("spam.example") && list.contains("watches.example") && list.contains("free money"), list);
    assertEquals(2, browser.driver.findElements(By.cssSelector("li.filter:first-child .chips li")).size());
    // only the fields of the chosen kind are shown
    assertTrue(find("#words").isDisplayed());
    assertFalse(find("#pattern").isDisplayed());
    assertFalse(find("#deny").isDisplayed());
    new Select(find("#kind")).selectByValue("links");
    assertTrue(find("#deny").isDisplayed() && find("#number").isDisplayed());
    assertFalse(find("#words").isDisplayed());
    assertEquals("At most links", find("label[for=number]").getText());
    shoot("filters-list");

    // edit the keywords filter: hold instead of refuse, one more word
    String keywords = find("li.filter:nth-child(2)").getAttribute("id").substring("filter-".length());
    navigate(find("#filter-" + keywords + " a[href*='edit=']"), false);
    assertEquals("casino\nfree money", find("#words").getAttribute("value"));
    find("#words").sendKeys("\nlottery");
    new Select(find("#action")).selectByValue("hold");
    shoot("filters-edit");
    navigate(find("#filter-form button[value=update]"), false);
    assertTrue(find(".notice.ok").getText().contains("Filter saved"));
    assertTrue(find("#filter-" + keywords).getText().contains("lottery"));
    assertTrue(find("#filter-" + keywords).getText().contains("hold for review"));

    // turn it off: it stays, marked off, with a button to turn it on again
    navigate(find("#filter-" + keywords + " button[value=disable]"), false);
    assertTrue(find(".notice.ok").getText().contains("Filter turned off"));
    assertTrue(find("#filter-" + keywords + " .badge.off").isDisplayed());
    assertEquals(false, f.hearth.sql("SELECT enabled FROM filters WHERE id = $1", Long.parseLong(keywords)).get(0).getBoolean(0));
    assertTrue(find("#filter-" + keywords + " button[value=enable]").isDisplayed());

    // a pattern the engine cannot run: the problem next to the field, what was typed kept
    new Select(find("#kind")).selectByValue("regex");
    find("#pattern").sendKeys("(?<=cheap)watches");
    new Select(find("#action")).selectByValue("reject");
    navigate(find("#filter-form button[value=create]"), false);
    assertTrue(find("#pattern-error").getText().contains("lookahead and lookbehind"), find("#pattern-error").getText());
    assertEquals("true", find("#pattern").getAttribute("aria-invalid"));
    assertEquals("(?<=cheap)watches", find("#pattern").getAttribute("value"), "what was typed is kept");
    assertEquals("reject", new Select(find("#action")).getFirstSelectedOption().getAttribute("value"));
    assertTrue(find("#pattern").isDisplayed(), "the chosen kind's field is the one shown");
    shoot("form-error-filter");

    // a refused post, published anyway
    open("/staff/c/book-club/queue?state=rejected");
    assertTrue(find("main").getText().contains("casino night"));
    shoot("filters-refused");
    navigate(find("form[action$='/overturn'] button"), true);
    await().until(ExpectedConditions.urlContains("state=overturned"));
    assertTrue(find(".notice.ok").getText().contains("published"));
    assertTrue(find("main").getText().contains("published anyway by staff:owner"));
    assertEquals(1, f.hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", refused).get(0).getLong(0));
    open("/c/book-club");
    assertTrue(find("main").getText().contains("casino night"), "the post is on the community's page");

    language("ru");
    open("/staff/c/book-club/filters");
    assertTrue(find("main").getText().contains("Запрещённые домены"));
    shoot("filters-list");
    navigate(find("#filter-" + keywords + " a[href*='edit=']"), false);
    shoot("filters-edit");
    new Select(find("#kind")).selectByValue("regex");
    find("#pattern").clear();
    find("#pattern").sendKeys("(a)\\1");
    navigate(find("#filter-form button[value=update]"), false);
    assertEquals("(a)\\1", find("#pattern").getAttribute("value"));
    assertTrue(find("#pattern-error").isDisplayed());
    shoot("form-error-filter");
    open("/staff/c/book-club/queue?state=overturned");
    shoot("filters-refused");
    language("en");
  }
}
