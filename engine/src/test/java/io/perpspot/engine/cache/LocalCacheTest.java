package io.perpspot.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void entryIsServedUntilItsTtlThenExpiresAndIsCounted() {
        LocalCache c = new LocalCache(10, now::get);
        c.put("a", "1", 500);
        now.addAndGet(499);
        assertEquals("1", c.get("a"));
        now.addAndGet(1);
        assertNull(c.get("a"));
        assertEquals(1, c.expired());
        assertEquals(0, c.evictions());
        assertEquals(0, c.size());
    }

    @Test
    void fullCacheEvictsTheLeastRecentlyUsedAndCountsIt() {
        LocalCache c = new LocalCache(3, now::get);
        c.put("a", "1", 10_000);
        c.put("b", "2", 10_000);
        c.put("c", "3", 10_000);
        assertEquals("1", c.get("a")); // a is now the most recently used
        c.put("d", "4", 10_000);
        assertNull(c.get("b"));
        assertEquals("1", c.get("a"));
        assertEquals("3", c.get("c"));
        assertEquals("4", c.get("d"));
        assertEquals(1, c.evictions());
        assertEquals(3, c.size());
    }

    @Test
    void overwritingAKeyRenewsItsTtl() {
        LocalCache c = new LocalCache(3, now::get);
        c.put("a", "1", 100);
        now.addAndGet(90);
        c.put("a", "2", 100);
        now.addAndGet(90);
        assertEquals("2", c.get("a"));
    }
}
