package social.hearth.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A staff member in a browser, for tests that go through the web UI: signs in, reads pages, sends forms. */
public final class StaffWeb {

  private static final HttpClient NO_REDIRECT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final TestHearth hearth;
  /** The session cookie, as a Cookie header value. */
  public final String session;

  private StaffWeb(TestHearth hearth, String session) {
    this.hearth = hearth;
    this.session = session;
  }

  /** Signs in with the login form and keeps the session. */
  public static StaffWeb signIn(TestHearth hearth, String username, String password) throws Exception {
    HttpResponse<String> form = NO_REDIRECT.send(HttpRequest.newBuilder(URI.create(hearth.base + "/login"))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    String token = cookie(form, "hearth_login");
    HttpResponse<String> r = send(hearth, "/login", "hearth_login=" + token,
        Map.of("_csrf", token, "username", username, "password", password, "next", "/staff"));
    if (r.statusCode() != 303) {
      throw new AssertionError("sign-in failed: " + r.statusCode() + " " + r.body());
    }
    return new StaffWeb(hearth, "hearth_session=" + cookie(r, "hearth_session"));
  }

  public HttpResponse<String> get(String path) throws Exception {
    return NO_REDIRECT.send(HttpRequest.newBuilder(URI.create(hearth.base + path)).header("Accept", "text/html")
        .header("Cookie", session).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A page in a language (the {@code lang} cookie the language switch sets). */
  public HttpResponse<String> get(String path, String lang) throws Exception {
    return NO_REDIRECT.send(HttpRequest.newBuilder(URI.create(hearth.base + path)).header("Accept", "text/html")
        .header("Cookie", session + "; lang=" + lang).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF token of the session (read from a staff page). */
  public String csrf() throws Exception {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(get("/staff").body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on /staff");
    }
    return m.group(1);
  }

  /** A multipart form, with a file when {@code file} is not null. */
  public HttpResponse<String> multipart(String path, Map<String, String> fields, String fileField, String filename,
                                        byte[] file) throws Exception {
    String boundary = "----hearth" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
          + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    if (file != null) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
          + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(file);
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return NO_REDIRECT.send(HttpRequest.newBuilder(URI.create(hearth.base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Cookie", session)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(TestHearth hearth, String path, String cookies, Map<String, String> form)
      throws Exception {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return NO_REDIRECT.send(HttpRequest.newBuilder(URI.create(hearth.base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<?> r, String name) {
    for (String c : r.headers().allValues("set-cookie")) {
      if (c.startsWith(name + "=")) {
        return c.substring(c.indexOf('=') + 1, c.indexOf(';'));
      }
    }
    throw new AssertionError("no " + name + " cookie");
  }
}
