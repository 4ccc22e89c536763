package io.perpspot.engine.testing;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two checks every module's architecture test makes: its packages form no cycle, and no room
 * imports one of its own layer or above. A module's test extends this with its root package and
 * its layers, bottom first (the order docs/architecture.md writes), and adds its own rules on
 * {@link #layers()}.
 */
public abstract class LayeredRoomsTest {
    private final Layers layers;

    protected LayeredRoomsTest(String root, List<List<String>> layersBottomFirst) {
        this.layers = new Layers(root, layersBottomFirst);
    }

    /** The module's layers and its compiled main classes. */
    protected final Layers layers() {
        return layers;
    }

    @Test
    public void packagesFormNoCycle() {
        layers.assertNoCycles();
    }

    @Test
    public void noRoomImportsItsOwnLayerOrAbove() {
        layers.assertLayered();
    }
}
