package social.hearth;

import io.vertx.core.Vertx;
import java.time.Clock;
import social.hearth.config.Config;
import social.hearth.config.ConfigException;

/** {@code hearth run}: reads the environment, starts Hearth, stops it cleanly on SIGTERM/SIGINT. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "run" : args[0];
    if (command.equals("admin")) {
      System.exit(AdminCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (!command.equals("run")) {
      System.err.println("usage: hearth run | hearth admin create-user NAME [--instance-admin]");
      System.exit(64);
    }
    Config config;
    try {
      config = Config.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println("hearth: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logging.configure(config.logFormat());
    social.hearth.metrics.Metrics metrics = social.hearth.metrics.Metrics.create(config);
    Vertx vertx = metrics.newVertx();
    Hearth hearth;
    try {
      hearth = Hearth.start(vertx, config, Clock.systemUTC(), metrics).await();
    } catch (Throwable e) {
      Throwable cause = e;
      while (!(cause instanceof ConfigException) && cause.getCause() != null) {
        cause = cause.getCause();
      }
      System.err.println("hearth: " + (cause instanceof ConfigException ? cause.getMessage() : "cannot start: " + e));
      vertx.close();
      System.exit(1);
      return;
    }
    if (config.logFormat() == Config.LogFormat.TEXT) {
      // with JSON logs, standard output stays free of text (Hearth's start is logged)
      System.out.println("Hearth is running at " + config.baseUrl() + " (listening on " + config.bindAddress() + ":"
          + hearth.port() + ")");
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        hearth.stop().await();
      } catch (Throwable ignored) {
        // shutting down anyway
      } finally {
        vertx.close();
      }
    }, "hearth-shutdown"));
  }
}
