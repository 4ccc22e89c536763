package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.dashboard.push.Subscription;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code dashboard-load --page overview} subscribes to the row fields the overview page asks for (overview.js's
 * {@code FIELDS}), so its load is the page's: the three venues' fields included, every one a row field.
 */
class OverviewFieldsTest {
    @Test
    void theLoadClientAsksForTheOverviewPagesFields() throws Exception {
        String js;
        try (InputStream in = OverviewFieldsTest.class.getResourceAsStream("/web/overview.js")) {
            assertNotNull(in, "web/overview.js on the class path");
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("const FIELDS = \\[([^\\]]*)\\]").matcher(js);
        assertTrue(m.find(), "overview.js declares its FIELDS");
        List<String> page = Arrays.stream(m.group(1).split(",")).map(s -> s.trim().replace("'", "")).toList();
        assertEquals(page, List.of(LoadCommand.OVERVIEW_FIELDS.split(",")));
        assertTrue(page.containsAll(List.of("hlSpot", "pairs", "bestPair", "bestNetBps")), String.valueOf(page));
        assertTrue(Subscription.FIELDS.containsAll(page), "every one a row field");
    }
}
