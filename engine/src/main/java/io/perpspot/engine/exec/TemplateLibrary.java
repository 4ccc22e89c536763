package io.perpspot.engine.exec;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The templates every command and the dashboard use: the shipped ones ({@code config/templates.yaml},
 * or the file a {@code --templates} option names) merged with the user's ({@code templates.user-file},
 * which the dashboard's {@code POST /api/templates} and {@code DELETE /api/templates/{name}} write).
 * The one place this merge is made, so {@code simulate}, {@code replay --template}, {@code run
 * --template} and the dashboard see the same list. Immutable: {@link #put} and {@link #remove} write
 * the user file and return the library as it is then.
 *
 * <p>A user template may not take a shipped template's name (the shipped file is never written, and
 * two templates of one name would make "which one ran" ambiguous): such a user file is refused with
 * one line naming it.
 */
public final class TemplateLibrary {
    private final Templates shipped;
    private final Templates user;
    private final Path userFile;
    private final Templates all;

    private TemplateLibrary(Templates shipped, Templates user, Path userFile) {
        this.shipped = shipped;
        this.user = user;
        this.userFile = userFile;
        Templates merged = shipped;
        for (Template t : user.all()) {
            merged = merged.with(t);
        }
        this.all = merged;
    }

    /**
     * The shipped templates ({@code shippedFile}, or the installation's when null) and those of the user
     * file of the journal in {@code journalDir}.
     *
     * @throws ConfigException (one line naming the file) if either file is invalid, or a user template
     *         takes a shipped template's name
     */
    public static TemplateLibrary open(Config config, Path shippedFile, Path journalDir) {
        return open(config, shippedFile != null ? Templates.load(shippedFile) : Templates.loadDefault(), journalDir);
    }

    /** As {@link #open(Config, Path, Path)} with the shipped templates already read. */
    public static TemplateLibrary open(Config config, Templates shipped, Path journalDir) {
        Path file = userFile(config, journalDir);
        Templates user = Files.isRegularFile(file) ? Templates.load(file) : Templates.empty();
        for (Template t : user.all()) {
            if (shipped.contains(t.name())) {
                throw new ConfigException("templates: " + file + ": template '" + t.name() + "': name: a shipped"
                        + " template has this name; give the user template another name");
            }
        }
        return new TemplateLibrary(shipped, user, file);
    }

    /** {@link #open} and its merged list: what a command that only reads templates calls. */
    public static Templates load(Config config, Path shippedFile, Path journalDir) {
        return open(config, shippedFile, journalDir).all();
    }

    /**
     * The user templates file: {@code templates.user-file} as given when absolute, else beside the
     * journal (resolved against the journal directory's parent; the shipped config is never written).
     */
    public static Path userFile(Config config, Path journalDir) {
        Path p = Path.of(config.get(Settings.TEMPLATES_USER_FILE));
        if (p.isAbsolute()) {
            return p;
        }
        Path parent = journalDir.toAbsolutePath().normalize().getParent();
        return (parent == null ? journalDir.toAbsolutePath() : parent).resolve(p);
    }

    /** Shipped and user templates, shipped first, in file order. */
    public Templates all() {
        return all;
    }

    /** Whether {@code name} is a shipped template (one that cannot be replaced or deleted). */
    public boolean isShipped(String name) {
        return shipped.contains(name);
    }

    /** Whether {@code name} is a user template. */
    public boolean isUser(String name) {
        return user.contains(name);
    }

    /** The user templates file this library writes. */
    public Path userFile() {
        return userFile;
    }

    /**
     * Adds {@code t} to the user file, or replaces the user template of its name, and returns the library then.
     *
     * @throws ExecutionException naming {@code name} if a shipped template has that name
     */
    public TemplateLibrary put(Template t) {
        if (isShipped(t.name())) {
            throw new ExecutionException("name", "'" + t.name() + "' is a shipped template; it cannot be replaced");
        }
        Templates next = user.with(t);
        next.write(userFile);
        return new TemplateLibrary(shipped, next, userFile);
    }

    /**
     * Removes the user template {@code name} from the user file and returns the library then.
     *
     * @throws ExecutionException naming {@code name} if it is shipped or no user template has that name
     */
    public TemplateLibrary remove(String name) {
        if (isShipped(name)) {
            throw new ExecutionException("name", "'" + name + "' is a shipped template; it cannot be deleted");
        }
        if (!user.contains(name)) {
            throw new ExecutionException("template", "no user template '" + name + "'");
        }
        Templates next = user.without(name);
        next.write(userFile);
        return new TemplateLibrary(shipped, next, userFile);
    }
}
