package io.perpspot.engine.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import io.perpspot.engine.config.ConfigException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Chooses the console log format of this process: {@code text} or {@code json}
 * ({@code logging.format}, {@code --log-format}). logback.xml routes the root logger to the appender
 * named by the system property {@value #PROPERTY}; choosing another format sets it and reloads the
 * same configuration file (logback.xml, or the one {@code -Dlogback.configurationFile} names), so
 * the encoders stay declared in that file. {@link ConfigOptions} calls it as soon as the configuration
 * is loaded, before the command has logged anything.
 */
public final class LogFormat {
    /** The system property logback.xml reads to pick its appender. */
    public static final String PROPERTY = "perpspot.log.format";
    /** The formats logback.xml has an appender for. */
    public static final Set<String> FORMATS = Set.of("text", "json");
    private static final String DEFAULT = "text";

    private LogFormat() {
    }

    /**
     * Switches the console log format to {@code format} ({@code text} or {@code json}); nothing
     * happens when it is already in use, or when SLF4J is bound to another backend than Logback
     * (that backend's own configuration rules).
     */
    public static synchronized void use(String format) {
        if (!FORMATS.contains(format)) {
            throw new ConfigException("--log-format: expected one of text, json, got '" + format + "'");
        }
        if (format.equals(System.getProperty(PROPERTY, DEFAULT))) {
            return;
        }
        System.setProperty(PROPERTY, format);
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        URL file = configuration(context);
        if (file == null) {
            return; // configured in code (no file): nothing to reload
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(file);
        } catch (JoranException e) {
            throw new ConfigException("logging.format: " + format + ": cannot reload " + file + ": " + e.getMessage());
        }
    }

    /**
     * The file Logback configured itself from. Logback records it in its watch list only for some URLs (a
     * {@code logback.xml} inside a jar is often not watched), so the file is also looked for as Logback looks
     * for it: {@code -Dlogback.configurationFile}, else {@code logback.xml} on the class path.
     */
    private static URL configuration(LoggerContext context) {
        URL watched = ConfigurationWatchListUtil.getMainWatchURL(context);
        if (watched != null) {
            return watched;
        }
        String named = System.getProperty("logback.configurationFile");
        if (named != null) {
            try {
                Path p = Path.of(named);
                return Files.exists(p) ? p.toUri().toURL() : LogFormat.class.getClassLoader().getResource(named);
            } catch (MalformedURLException | InvalidPathException e) {
                return null;
            }
        }
        return LogFormat.class.getClassLoader().getResource("logback.xml");
    }
}
