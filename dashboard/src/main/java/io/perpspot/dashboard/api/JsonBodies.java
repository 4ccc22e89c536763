package io.perpspot.dashboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.Json;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** A POST body as a JSON object of known fields; anything else is a 400 saying what is wrong. */
final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * The body as an object whose fields are all in {@code fields}.
     *
     * @param example a well-formed body, quoted in the refusal of one that is not an object
     */
    static JsonNode object(String raw, String example, Set<String> fields) {
        JsonNode body = object(raw, "an object like " + example);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw ApiError.badRequest("unknown field '" + Params.clip(f) + "' (known: " + String.join(", ",
                        new TreeSet<>(fields)) + ")");
            }
        }
        return body;
    }

    /**
     * The body as an object, its fields checked by the caller (a template's by the templates file's rules).
     *
     * @param expected what a well-formed body is, quoted in the refusal of one that is not an object
     */
    static JsonNode object(String raw, String expected) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed JSON body: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("malformed JSON body: expected " + expected);
        }
        return body;
    }
}
