package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import social.hearth.federation.sig.SigningKey;

/**
 * An instance admin in Chromium: invites a staff member by a one-time link and the invitee joins; resets a password
 * (the account must choose a new one when it signs in) and disables an account; reads the audit log as sentences with
 * names, in English and Russian. Screenshots: docs/screenshots/staff-accounts-* and audit-*.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminJourneysTest {

  static WebFixture f;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Browser.require();
    f = WebFixture.start("127.0.0.76");
    SigningKey ana = f.person("ana", "Ana Reads");
    f.follow(ana);
    String post = f.post(ana, "<p>This month we read Piranesi by Susanna Clarke. Who has started?</p>", null, List.of());
    f.admin("POST", "/api/v1/admin/communities/book-club/featured", "{\"object\":\"" + post + "\"}", 201);
    f.admin("POST", "/api/v1/admin/communities/book-club/members/remove",
        "{\"actor\":\"" + WebFixture.actor(ana) + "\",\"reason\":\"Spoilers after two warnings\"}", 200);
    f.staff("root", null);
    f.hearth.sql("UPDATE accounts SET display_name = 'Rosa Root' WHERE username = 'root'");
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

  static void open(String path) {
    browser.driver.get(f.hearth.base + path);
  }

  static WebElement find(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  static void submit(WebElement button) {
    WebElement html = find("html");
    button.click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> {
      try {
        html.isEnabled();
        return false;
      } catch (org.openqa.selenium.WebDriverException e) {
        return true;
      }
    });
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d ->
        "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void signIn(String username, String password) {
    signOut();
    open("/login");
    find("#username").sendKeys(username);
    find("#password").sendKeys(password);
    submit(find("form[action$='/login'] button"));
  }

  static void signOut() {
    browser.driver.manage().deleteCookieNamed("hearth_session");
  }

  static void language(String lang) {
    submit(find(".lang-switch button[value='" + lang + "']"));
  }

  static void shoot(String name) throws Exception {
    browser.shoot(name);
  }

  @Test
  @Order(1)
  void theAdminInvitesAStaffMemberByLinkAndTheyJoin() throws Exception {
    signIn("root", WebFixture.PASSWORD);
    open("/staff/admin");
    new Select(find("#inv-role-book-club")).selectByValue("moderator");
    submit(find("#invite-form button"));
    String link = find("#invitation-link input").getAttribute("value");
    assertTrue(link.contains("/staff/join/"), link);
    shoot("staff-accounts-invitation");
    signOut();

    browser.driver.get(link);
    assertTrue(find("main").getText().contains("book-club: Moderator"));
    find("#username").sendKeys("nina");
    find("#password").sendKeys("nina's long passphrase");
    find("#repeat").sendKeys("nina's long passphrase");
    shoot("staff-accounts-join");
    submit(find("form[action*='/staff/join/'] button"));
    assertTrue(find("main").getText().contains("Your account is ready. Sign in."));
    signIn("nina", "nina's long passphrase");
    open("/staff/c/book-club/members");
    assertEquals(f.hearth.base + "/staff/c/book-club/members", browser.driver.getCurrentUrl(), "a moderator of book-club");
    signOut();
  }

  @Test
  @Order(2)
  void theAdminResetsAPasswordAndDisablesAnAccount() throws Exception {
    signIn("root", WebFixture.PASSWORD);
    open("/staff/admin");
    submit(find("form[action$='/staff/admin/accounts/mod/reset'] button"));
    String temporary = find("#reset-password code").getText();
    shoot("staff-accounts-reset");
    signOut();

    signIn("mod", temporary);
    assertEquals(f.hearth.base + "/staff/password", browser.driver.getCurrentUrl(), "the forced change first");
    assertTrue(find("main").getText().contains("An instance admin reset your password"));
    shoot("staff-accounts-forced-password");
    find("#password").sendKeys("mod's brand new passphrase");
    find("#repeat").sendKeys("mod's brand new passphrase");
    submit(find("form[action$='/staff/password'] button"));
    assertTrue(find("main").getText().contains("Book club"), "at work again");
    signOut();

    signIn("root", WebFixture.PASSWORD);
    open("/staff/admin");
    submit(find("form[action$='/staff/admin/accounts/nina/disable'] button"));
    assertTrue(find("#account-nina").getText().contains("Disabled"));
    shoot("staff-accounts");
    signOut();
    signIn("nina", "nina's long passphrase");
    assertTrue(find("main").getText().contains("This account is disabled"));
  }

  @Test
  @Order(3)
  void theAuditLogReadsAsSentencesWithNamesInBothLanguages() throws Exception {
    signIn("root", WebFixture.PASSWORD);
    open("/staff/admin/audit");
    String log = find("main").getText();
    assertTrue(log.contains("Rosa Root disabled the staff account nina"), log);
    assertTrue(log.contains("nina joined the staff with an invitation"), log);
    assertTrue(log.contains("The admin API removed Ana Reads (@ana@"), log);
    assertTrue(log.contains("Spoilers after two warnings"), log);
    shoot("audit-instance");
    open("/staff/c/book-club/audit?kind=pin");
    assertTrue(find("main").getText().contains("The admin API pinned “This month we read Piranesi"));
    open("/staff/c/book-club/audit");
    shoot("audit-community");
    language("ru");
    String ru = find("main").getText();
    assertTrue(ru.contains("API администратора исключает Ana Reads (@ana@"), ru);
    shoot("audit-community");
    open("/staff/admin/audit");
    assertTrue(find("main").getText().contains("Rosa Root отключает учётную запись nina"));
    shoot("audit-instance");
    open("/staff/admin");
    shoot("staff-accounts");
    language("en");
  }
}
