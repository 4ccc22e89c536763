package io.perpspot.engine.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What a logger (and the loggers under it) logged while open: try-with-resources around the code under test, then
 * ask for the lines of a level. Logback's own list appender, attached on open and detached on close.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures {@code name} and the loggers below it. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** Captures every logger. */
    public static LogCapture root() {
        return new LogCapture(Logger.ROOT_LOGGER_NAME);
    }

    /** Every event so far, in order. */
    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** The formatted messages of the events at {@code level}, in order. */
    public List<String> messages(Level level) {
        return events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
