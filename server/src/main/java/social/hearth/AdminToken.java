package social.hearth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.config.Config;
import social.hearth.config.ConfigException;

/** The admin API's bearer token: {@code HEARTH_ADMIN_TOKEN}, or one generated once and kept in the data directory. */
final class AdminToken {

  private static final Logger LOG = LoggerFactory.getLogger(Hearth.class);

  private AdminToken() {}

  /** HEARTH_ADMIN_TOKEN, or a token generated once and kept in {@code <data dir>/admin-token}. */
  static String of(Config config) {
    if (config.adminToken().isPresent()) {
      return config.adminToken().get();
    }
    Path file = config.dataDir().resolve("admin-token");
    try {
      Files.createDirectories(config.dataDir());
      if (Files.exists(file)) {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.length() >= Config.MIN_TOKEN_LENGTH) {
          return token;
        }
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = HexFormat.of().formatHex(random);
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      LOG.info("HEARTH_ADMIN_TOKEN is not set: generated an admin token in {}", file);
      return token;
    } catch (IOException e) {
      throw new ConfigException("cannot write the admin token to " + file + ": " + e.getMessage());
    }
  }
}
