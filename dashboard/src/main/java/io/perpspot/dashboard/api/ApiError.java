package io.perpspot.dashboard.api;

/** An API failure with its HTTP status; rendered as {@code {"error": message, "status": n}}. */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    /** A route whose implementation arrives with other work (a seam not wired yet). */
    public static ApiError notAvailable(String what) {
        return new ApiError(503, "not available: " + what);
    }
}
