package io.perpspot.engine.exec;

/**
 * An execution estimate or simulation that cannot be made from its input: a size that is not
 * positive or beyond the known depth, an empty book, a path count out of range. The message is
 * one line that starts with the parameter at fault (e.g. {@code size: ...}).
 */
public final class ExecutionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ExecutionException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    /** The parameter at fault: {@code size}, {@code token}, {@code paths}, {@code template}, ... */
    public String parameter() {
        return parameter;
    }
}
