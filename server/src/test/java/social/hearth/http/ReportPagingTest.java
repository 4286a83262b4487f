package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/**
 * Issue 12, item 11: no report is hidden past a cap. The admin API pages its JSON array with a {@code Link} header;
 * the instance admin's report page (and a community's) pages with next/previous links.
 */
class ReportPagingTest {

  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static TestHearth hearth;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    hearth.createCommunity("reported", "Reported");
    // 1,150 reports for the community, then 1,050 forwarded ones that concern no community here (after them, so
    // a listing that read the first 1,000 of all reports never reached them)
    hearth.sql("INSERT INTO reports (flag_id, community_id, reporter_id, comment) SELECT 'https://r.example/flags/c' || i, "
        + "(SELECT id FROM communities WHERE slug = 'reported'), 'https://r.example/users/a', 'community report ' || i "
        + "FROM generate_series(1, 1150) i");
    hearth.sql("INSERT INTO reports (flag_id, community_id, reporter_id, comment) SELECT 'https://r.example/flags/n' || i, "
        + "NULL, 'https://r.example/users/a', 'forwarded report ' || i FROM generate_series(1, 1050) i");
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @Test
  void theAdminApiListsEveryReportAPageAtATimeAndNamesTheNextPage() throws Exception {
    Set<Long> seen = new HashSet<>();
    String next = "/api/v1/admin/reports?community=reported&state=open";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> r = hearth.admin("GET", next, null, TestHearth.ADMIN_TOKEN);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode list = TestHearth.JSON.readTree(r.body());
      assertTrue(list.isArray(), "the shape stays an array");
      assertTrue(list.size() <= 200);
      list.forEach(report -> seen.add(report.get("id").asLong()));
      next = r.headers().firstValue("link").map(link -> {
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
        assertTrue(m.find(), link);
        return m.group(1);
      }).orElse(null);
      pages++;
    }
    assertEquals(6, pages, "1,150 reports in pages of 200");
    assertEquals(1150, seen.size(), "every report of the community, none twice");

    HttpResponse<String> all = hearth.admin("GET", "/api/v1/admin/reports?state=open&page=11", null, TestHearth.ADMIN_TOKEN);
    assertEquals(200, TestHearth.JSON.readTree(all.body()).size(), "2,200 reports in all: page 11 is full");
    assertTrue(all.headers().firstValue("link").isEmpty(), "and the last");
    assertEquals(400, hearth.admin("GET", "/api/v1/admin/reports?page=0", null, TestHearth.ADMIN_TOKEN).statusCode());
    assertEquals(400, hearth.admin("GET", "/api/v1/admin/reports?page=x", null, TestHearth.ADMIN_TOKEN).statusCode());
  }

  @Test
  void theInstanceAdminSeesForwardedReportsPastTheFirstThousandReportsPageByPage() throws Exception {
    String session = signInAsAdmin();
    Set<String> seen = new HashSet<>();
    String next = "/staff/admin/reports?state=open";
    while (next != null) {
      HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(hearth.base + next))
          .header("Accept", "text/html").header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode(), next);
      Matcher m = Pattern.compile("forwarded report (\\d+)").matcher(page.body());
      while (m.find()) {
        seen.add(m.group(1));
      }
      assertFalse(Pattern.compile("community report \\d").matcher(page.body()).find(), "only reports that concern no community");
      Matcher link = Pattern.compile("<a href=\"(\\?state=open&amp;page=\\d+)\">[^<]*</a></span>\\s*</nav>")
          .matcher(page.body());
      next = link.find() ? "/staff/admin/reports" + link.group(1).replace("&amp;", "&") : null;
    }
    assertEquals(1050, seen.size(), "every forwarded report can be reached");
  }

  static String signInAsAdmin() throws Exception {
    String password = "correct horse battery";
    assertEquals(201, hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"root\",\"password\":\"" + password
        + "\",\"instanceAdmin\":true}", TestHearth.ADMIN_TOKEN).statusCode());
    HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(hearth.base + "/login"))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    String set = form.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("hearth_login="))
        .findFirst().orElseThrow();
    String token = set.substring(set.indexOf('=') + 1, set.indexOf(';'));
    String body = Map.of("_csrf", token, "username", "root", "password", password, "next", "/staff").entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(),
            StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hearth.base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "hearth_login=" + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(303, r.statusCode(), r.body());
    String session = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("hearth_session="))
        .findFirst().orElseThrow();
    return session.substring(0, session.indexOf(';'));
  }
}
