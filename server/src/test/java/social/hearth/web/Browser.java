package social.hearth.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages, driven through Debian's chromedriver. Both paths are given explicitly,
 * so Selenium Manager never looks for (or downloads) a browser or a driver. One per test class.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getProperty("hearth.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("hearth.chromedriver", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of(System.getProperty("hearth.screenshots", "../docs/screenshots"));

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** A journey class's first step: in CI a missing browser is an error, elsewhere the journeys are skipped. */
  static void require() {
    if (!available()) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("chromium and chromedriver are required in CI: " + CHROMIUM + ", " + CHROMEDRIVER);
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(false,
          "chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
    }
  }

  /** Waits up to 10 s for a condition on the page. */
  org.openqa.selenium.support.ui.WebDriverWait await() {
    return new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10));
  }

  /**
   * The page that held {@code element} is gone (the browser navigated away). Selenium's {@code stalenessOf} knows only
   * the stale-reference answer; Chromium sometimes answers the same thing, mid-navigation, as an "unknown error": the
   * node "does not belong to the document". Both mean gone.
   */
  static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> gone(org.openqa.selenium.WebElement element) {
    return d -> {
      try {
        element.isEnabled();
        return false;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        return true;
      } catch (org.openqa.selenium.WebDriverException e) {
        if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
          return true;
        }
        throw e;
      }
    };
  }

  /** Screenshots of the page at desktop and phone widths, named {name}-{the page's lang}-desktop/phone. */
  void shoot(String name) throws IOException {
    String lang = driver.findElement(org.openqa.selenium.By.cssSelector("html")).getAttribute("lang");
    size(1280, 900);
    screenshot(name + "-" + lang + "-desktop");
    size(390, 844);
    screenshot(name + "-" + lang + "-phone");
    size(1280, 900);
  }

  /** A browser whose Accept-Language prefers {@code lang}. */
  static Browser start(String lang) throws IOException {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory("hearth-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=" + lang,
        "--user-data-dir=" + profile, "--window-size=1280,900");
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", lang));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    return new Browser(driver, profile);
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves a screenshot of the page (its top 1800 px) as docs/screenshots/{name}.png. */
  void screenshot(String name) throws IOException {
    Dimension before = driver.manage().window().getSize();
    Number height = (Number) driver.executeScript("return Math.min(1800, document.documentElement.scrollHeight)");
    driver.manage().window().setSize(new Dimension(before.getWidth(), Math.max(600, height.intValue())));
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    driver.manage().window().setSize(before);
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
