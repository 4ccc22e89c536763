package io.perpspot.alerts.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-line text of Slack, Discord and replay: figures in plain decimals, the place named once. */
class AlertTextTest {
    @Test
    void smallPricesArePlainDecimalsAndATokenInTheSentenceIsNotRepeated() {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("net_bps", 11.14);
        n.put("fees_bps", 9.0);
        n.put("spot_px", 2.5555526E-5);
        n.put("reason", "connection refused");
        Alert a = new Alert("edge", "opportunity", "opportunity short-perp/long-spot on MODUL", "MODUL", null, n,
                1_700_000_000_000_000_000L, "http://127.0.0.1:8080/");
        assertEquals("perpspot [edge] opportunity short-perp/long-spot on MODUL: net_bps 11.14, fees_bps 9, "
                + "spot_px 0.000025555526, reason connection refused at 2023-11-14T22:13:20Z - http://127.0.0.1:8080/",
                a.text());
        Map<String, Object> hl = new LinkedHashMap<>();
        hl.put("net_bps", 56.63);
        hl.put("pair", "perp-hlspot");
        Alert pair = new Alert("edge", "opportunity", "opportunity short-perp/long-hlspot on SOL (perp-hlspot)", "SOL",
                null, hl, 1_700_000_000_000_000_000L, "http://x/");
        assertEquals("perpspot [edge] opportunity short-perp/long-hlspot on SOL (perp-hlspot): net_bps 56.63 at "
                + "2023-11-14T22:13:20Z - http://x/", pair.text(), "the pair is named once");
        Alert down = new Alert("failover", "failover", "source hl-ws-mainnet down", null, "hl-ws-mainnet", Map.of(),
                1_700_000_000_000_000_000L, "http://x/");
        assertEquals("perpspot [failover] source hl-ws-mainnet down at 2023-11-14T22:13:20Z - http://x/", down.text());
        Alert disk = new Alert("disk", "disk", "journal disk low", null, "/data", Map.of(), 1_700_000_000_000_000_000L,
                "http://x/");
        assertEquals("perpspot [disk] journal disk low (/data) at 2023-11-14T22:13:20Z - http://x/", disk.text());
    }
}
