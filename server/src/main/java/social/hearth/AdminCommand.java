package social.hearth;

import social.hearth.core.domain.Account;
import social.hearth.db.PgAccountStore;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import social.hearth.config.Config;
import social.hearth.config.ConfigException;
import social.hearth.core.port.AccountStore;
import social.hearth.db.Database;
import social.hearth.core.CoreException;
import social.hearth.core.account.StaffAccounts;

/**
 * {@code hearth admin create-user NAME [--instance-admin]}: creates a staff account. The password is read twice
 * from the terminal without echo, or as the first line of standard input when there is no terminal (for scripts).
 * Uses the same database as the server; with the embedded database, stop the server first (or use the admin API).
 */
final class AdminCommand {

  private AdminCommand() {}

  static int run(String[] args) {
    if (args.length < 2 || !args[0].equals("create-user")) {
      System.err.println("usage: hearth admin create-user NAME [--instance-admin]");
      return 64;
    }
    String username = args[1];
    boolean instanceAdmin = Arrays.asList(args).contains("--instance-admin");
    String password;
    try {
      password = readPassword();
    } catch (IOException e) {
      System.err.println("hearth: cannot read the password: " + e.getMessage());
      return 1;
    }
    if (password == null) {
      System.err.println("hearth: the two passwords differ");
      return 1;
    }
    Config config;
    try {
      config = Config.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println("hearth: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try (Database db = Database.open(vertx, config)) {
      Account account = new StaffAccounts(vertx, new PgAccountStore(db.pool())).create(username, password,
          instanceAdmin).await();
      System.out.println("created staff account " + account.username() + (account.instanceAdmin() ? " (instance admin)" : ""));
      return 0;
    } catch (ConfigException e) {
      System.err.println("hearth: " + e.getMessage() + " (is the server running on this data directory? stop it, or use the admin API)");
      return 1;
    } catch (CoreException e) {
      System.err.println("hearth: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("hearth: cannot create the account: " + e.getMessage());
      return 1;
    } finally {
      vertx.close();
    }
  }

  private static String readPassword() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] second = console.readPassword("Again: ");
      if (first == null || second == null || !Arrays.equals(first, second)) {
        return null;
      }
      return new String(first);
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null ? "" : line;
  }
}
