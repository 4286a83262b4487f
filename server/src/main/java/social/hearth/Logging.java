package social.hearth;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;
import social.hearth.config.Config;

/**
 * {@code HEARTH_LOG_FORMAT}: logback.xml writes text lines to standard error; {@code json} replaces that appender with
 * one that writes one JSON object per line (logstash-logback-encoder: {@code @timestamp}, {@code level},
 * {@code logger_name}, {@code thread_name}, {@code message}, {@code stack_trace}), which log collectors read as is.
 */
final class Logging {

  private Logging() {}

  static void configure(Config.LogFormat format) {
    if (format != Config.LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR_JSON");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }
}
