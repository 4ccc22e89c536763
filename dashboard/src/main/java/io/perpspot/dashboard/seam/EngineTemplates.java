package io.perpspot.dashboard.seam;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.exec.TemplateLibrary;
import io.perpspot.engine.exec.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's templates: the engine's {@link TemplateLibrary} (shipped plus the user file beside
 * the journal, the same merge {@code simulate} and {@code replay --template} read), which {@code POST
 * /api/templates} and {@code DELETE /api/templates/{name}} change. Until {@link #attach} names the
 * journal it holds the shipped templates only. Writes are serialised; readers see one library or the
 * next, never half a change. The user file is read again when it changed on disk (another dashboard or
 * an editor wrote it), and before every write, so a write never drops a template written elsewhere.
 */
public final class EngineTemplates {
    private static final Logger LOG = LoggerFactory.getLogger(EngineTemplates.class);

    private final Config config;
    private final Templates shipped;
    private volatile TemplateLibrary library;
    private volatile Path journalDir;
    private volatile FileTime readAt;

    public EngineTemplates(Config config, Templates shipped) {
        this.config = config;
        this.shipped = shipped;
    }

    /**
     * Reads the user templates file of the journal in {@code journalDir} with the shipped templates.
     *
     * @throws io.perpspot.engine.config.ConfigException (one line naming the file) if it is invalid
     */
    public synchronized void attach(Path journalDir) {
        this.journalDir = journalDir;
        reload();
    }

    private synchronized TemplateLibrary reload() {
        FileTime at = modified(TemplateLibrary.userFile(config, journalDir));
        library = TemplateLibrary.open(config, shipped, journalDir);
        readAt = at;
        return library;
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return null; // not written yet
        }
    }

    /** Every template now: shipped, then the user's (read again if the file changed). */
    public Templates current() {
        TemplateLibrary l = library;
        if (l == null) {
            return shipped;
        }
        if (!Objects.equals(readAt, modified(l.userFile()))) {
            try {
                l = reload();
            } catch (ConfigException e) {
                LOG.warn("templates: {}: keeping the templates read before", e.getMessage());
                readAt = modified(l.userFile());
            }
        }
        return l.all();
    }

    /** Whether {@code name} is shipped (neither replaced nor deleted through the API). */
    public boolean isShipped(String name) {
        return shipped.contains(name);
    }

    /** The user templates file, or null before {@link #attach}. */
    public Path userFile() {
        TemplateLibrary l = library;
        return l == null ? null : l.userFile();
    }

    /**
     * Adds or replaces a user template from a JSON object with the fields of a templates file.
     *
     * @throws io.perpspot.engine.config.ConfigException ({@code "template: FIELD: ..."}) for a bad body
     * @throws io.perpspot.engine.exec.ExecutionException naming {@code name} for a shipped name
     * @throws IllegalStateException before {@link #attach}
     */
    public synchronized Template put(JsonNode body) {
        Template t = Templates.fromJson(body);
        attached();
        library = reload().put(t);
        readAt = modified(library.userFile());
        return t;
    }

    /**
     * Removes a user template.
     *
     * @throws io.perpspot.engine.exec.ExecutionException naming {@code name} (shipped) or {@code template}
     *         (no such user template)
     */
    public synchronized void remove(String name) {
        attached();
        library = reload().remove(name);
        readAt = modified(library.userFile());
    }

    private TemplateLibrary attached() {
        TemplateLibrary l = library;
        if (l == null) {
            throw new IllegalStateException("templates: no journal attached, so no user templates file");
        }
        return l;
    }
}
