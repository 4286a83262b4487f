package social.hearth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of docs/architecture.md, enforced: a core ring that knows nothing of HTTP, pages, SQL or wire formats;
 * adapters around it that never depend on each other in both directions; a protocol module that knows nothing of
 * the server; SQL only in the database adapter; no source file too big to live in.
 */
class ArchitectureTest {

  private static final String[] ADAPTERS = {"social.hearth.apub..", "social.hearth.http..", "social.hearth.web..",
      "social.hearth.db..", "social.hearth.metrics.."};
  private static JavaClasses server;
  private static JavaClasses federation;

  @BeforeAll
  static void importClasses() {
    ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
    server = importer.importPackages("social.hearth.apub", "social.hearth.core", "social.hearth.db", "social.hearth.http",
        "social.hearth.web", "social.hearth.config", "social.hearth.metrics");
    federation = importer.importPackages("social.hearth.federation");
  }

  @Test
  void theCoreImportsNoAdapterNoWireTypeNoSqlAndNoHttp() {
    noClasses().that().resideInAPackage("social.hearth.core..")
        .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
        .orShould().dependOnClassesThat().resideInAnyPackage("social.hearth.federation..", "social.hearth.config..",
            "io.vertx.sqlclient..", "io.vertx.pgclient..", "io.vertx.ext.web..", "io.vertx.core.http..",
            "com.fasterxml.jackson..", "io.micrometer..")
        .because("the core ring is the domain, its use cases and their ports; adapters sit around it")
        .check(server);
  }

  @Test
  void federationKnowsNothingOfTheServer() {
    noClasses().that().resideInAPackage("social.hearth.federation..")
        .should().dependOnClassesThat().resideInAnyPackage("social.hearth.core..", "social.hearth.apub..",
            "social.hearth.http..", "social.hearth.web..", "social.hearth.db..", "social.hearth.config..",
            "social.hearth.metrics..")
        .orShould().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
        .because("the protocol module reports what it counts through listeners; Micrometer stays in the server")
        .check(federation);
  }

  @Test
  void onlyTheMetricsAdapterSpeaksMicrometer() {
    noClasses().that().resideOutsideOfPackage("social.hearth.metrics..")
        .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.vertx.micrometer..")
        .because("the adapters count through small ports (apub.FederationMetrics), implemented in metrics")
        .check(server);
  }

  @Test
  void onlyTheDatabaseAdapterSpeaksSql() {
    noClasses().that().resideOutsideOfPackage("social.hearth.db..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..")
        .because("all SQL lives in db, one store per aggregate")
        .check(server);
  }

  @Test
  void pagesAndTheAdminApiUseTheCoreNotTheDatabase() {
    noClasses().that().resideInAnyPackage("social.hearth.web..", "social.hearth.http..")
        .should().dependOnClassesThat().resideInAPackage("social.hearth.db..")
        .check(server);
  }

  /**
   * The server's packages form no cycle, at the level of the adapters and the core and inside the core (the use
   * cases depend on each other one way: publishing on moderation and membership, moderation on membership, all on
   * audit, domain and port). The federation module's ports ({@code spi}) name the signature types they carry, by design.
   */
  @Test
  void noPackageCycles() {
    slices().matching("social.hearth.(*)..").should().beFreeOfCycles().check(server);
    slices().matching("social.hearth.core.(*)..").should().beFreeOfCycles().check(server);
  }

  @Test
  void noSqlStatementOutsideTheDatabaseAdapter() throws IOException {
    Pattern sql = Pattern.compile("\"\\s*(SELECT|INSERT INTO|UPDATE \\w+ SET|DELETE FROM|WITH \\w+ AS)\\b",
        Pattern.CASE_INSENSITIVE);
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      if (file.toString().contains("/social/hearth/db/")) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (sql.matcher(lines.get(i)).find()) {
          found.add(file + ":" + (i + 1));
        }
      }
    }
    assertEquals(List.of(), found, "SQL outside social.hearth.db");
  }

  @Test
  void noMainSourceFileIsOver400Lines() throws IOException {
    List<String> big = new ArrayList<>();
    for (Path file : sources()) {
      long lines = Files.lines(file).count();
      if (lines > 400) {
        big.add(file + " (" + lines + " lines)");
      }
    }
    assertEquals(List.of(), big, "main source files over 400 lines");
  }

  @Test
  void theArchitecturePageNamesEveryPackageAndOnlyThose() throws IOException {
    String doc = Files.readString(Path.of("../docs/architecture.md"));
    int start = doc.indexOf("## Layout");
    String layout = doc.substring(start, doc.indexOf("\n## ", start + 1));
    java.util.Set<String> named = new java.util.TreeSet<>();
    java.util.regex.Matcher m = Pattern.compile("`((?:federation|core|apub|http|web|db|config|metrics|json)(?:\\.[a-z]+)*)`")
        .matcher(layout);
    while (m.find()) {
      named.add(m.group(1));
    }
    java.util.Set<String> existing = new java.util.TreeSet<>();
    packages(Path.of("src/main/java/social/hearth"), "", existing);
    packages(Path.of("../federation/src/main/java/social/hearth/federation"), "federation", existing);
    java.util.Set<String> missing = new java.util.TreeSet<>(existing);
    missing.removeAll(named);
    java.util.Set<String> stale = new java.util.TreeSet<>(named);
    stale.removeAll(existing);
    assertEquals(List.of(), List.copyOf(missing), "packages docs/architecture.md does not name");
    assertEquals(List.of(), List.copyOf(stale), "packages docs/architecture.md names that do not exist");
  }

  /** The packages under {@code dir} that hold Java sources, as dotted names after {@code prefix}. */
  private static void packages(Path dir, String prefix, java.util.Set<String> out) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> p.toString().endsWith(".java")).map(Path::getParent).distinct().forEach(p -> {
        String rel = dir.relativize(p).toString().replace('/', '.');
        String name = prefix.isEmpty() ? rel : rel.isEmpty() ? prefix : prefix + "." + rel;
        if (!name.isEmpty()) {
          out.add(name);
        }
      });
    }
  }

  /** Every main Java source of the server and federation modules (tests run with the server module as working dir). */
  private static List<Path> sources() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("../federation/src/main/java"))) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no sources found from " + Path.of("").toAbsolutePath());
    }
    return out;
  }
}
