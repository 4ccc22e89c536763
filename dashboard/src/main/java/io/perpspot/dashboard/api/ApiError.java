package io.perpspot.dashboard.api;

/** An API failure with its HTTP status; rendered as {@code {"error": message, "status": n}}. */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** A failure answered with {@code status} and {@code message} (one line, shown to the caller). */
    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** 400: the request is wrong; the message names the parameter. */
    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    /** 404: no such token, template or route. */
    public static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    /** A route whose implementation arrives with other work (a seam not wired yet). */
    public static ApiError notAvailable(String what) {
        return new ApiError(503, "not available: " + what);
    }
}
