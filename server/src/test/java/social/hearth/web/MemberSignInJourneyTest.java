package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;

/**
 * A member signs in to a private community's pages in headless Chromium (issue 17 item 5): from the front door to the
 * sign-in page, the handle, the code from the community's direct message, and the posts. Screenshots:
 * docs/screenshots/member-signin-{handle,code}-{en,ru}-{desktop,phone}.png.
 */
class MemberSignInJourneyTest {

  static WebFixture f;
  static Browser browser;
  static SigningKey ana;

  @BeforeAll
  static void start() throws Exception {
    Browser.require();
    f = WebFixture.start("127.0.0.189");
    ana = MemberSignInTest.account(f.remote, "ana");
    f.follow(ana);
    for (int i = 0; i < 200 && f.hearth.sql("SELECT 1 FROM members WHERE actor_id = $1", WebFixture.actor(ana)).isEmpty(); i++) {
      Thread.sleep(50);
    }
    String post = f.post(ana, "<p>Chapter nine: what the lighthouse keeper knew</p>", null, List.of());
    for (int i = 0; i < 200 && f.hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", post).isEmpty(); i++) {
      Thread.sleep(50);
    }
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"visibility\":\"private\"}", 200);
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

  static WebElement find(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  static void open(String path) {
    browser.driver.get(f.hearth.base + path);
  }

  static void submit(WebElement button) {
    WebElement html = find("html");
    button.click();
    browser.await().until(Browser.gone(html));
    browser.await().until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static String body() {
    return find("body").getText();
  }

  @Test
  void aMemberSignsInFromTheFrontDoorWithTheCodeFromTheCommunitysMessage() throws Exception {
    open("/c/book-club");
    assertFalse(body().contains("lighthouse keeper"), "the front door shows no posts");
    submit(find("a[href$='/c/book-club/sign-in']"));
    browser.shoot("member-signin-handle");
    int before = f.remote.postsTo("/users/ana/inbox").size();
    find("#member-handle").sendKeys("@" + MemberSignInTest.handle(f.remote, "ana"));
    submit(find("form[action$='/sign-in'] button"));
    assertTrue(body().contains("one-time code is on its way"), body());
    String message = null;
    for (int i = 0; i < 400 && message == null; i++) {
      List<FakeActorServer.Received> got = f.remote.postsTo("/users/ana/inbox");
      for (int j = before; j < got.size(); j++) {
        if (got.get(j).body().contains("one-time code")) {
          message = got.get(j).body();
        }
      }
      Thread.sleep(50);
    }
    Matcher code = Pattern.compile("<strong>([0-9]{8})</strong>").matcher(String.valueOf(message));
    assertTrue(code.find(), "the community's message carries the code: " + message);
    browser.shoot("member-signin-code");
    find("#member-code").sendKeys(code.group(1));
    submit(find("form[action$='/sign-in/code'] button"));
    assertEquals(f.hearth.base + "/c/book-club?notice=member_signed_in", browser.driver.getCurrentUrl());
    assertTrue(body().contains("lighthouse keeper"), "the member reads the posts");
    assertTrue(body().contains("You are reading as a member"), body());

    open("/lang?to=ru&back=/c/book-club/sign-in");
    assertTrue(body().contains("Вход для участников"), body());
    browser.shoot("member-signin-handle");
    find("#member-handle").sendKeys("@" + MemberSignInTest.handle(f.remote, "ana"));
    submit(find("form[action$='/sign-in'] button"));
    browser.shoot("member-signin-code");
    open("/lang?to=en&back=/c/book-club");
    submit(find("form[action$='/sign-out'] button"));
    assertFalse(body().contains("lighthouse keeper"), "signed out, the front door again");
  }
}
