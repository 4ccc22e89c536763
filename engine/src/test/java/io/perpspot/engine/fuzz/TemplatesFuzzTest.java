package io.perpspot.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.exec.Templates;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link Templates#parse} ({@code config/templates.yaml}), seeded from
 * the shipped file. Only {@link ConfigException} (one line naming file, template and field) may
 * come out; every accepted template can be looked up by its name.
 */
class TemplatesFuzzTest {
    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void parsesOrRefusesEveryTemplateFile(byte[] data) {
        Templates t;
        try {
            t = Templates.parse(new ByteArrayInputStream(data), "templates.yaml");
        } catch (ConfigException e) {
            ConfigFilesFuzz.requireMessage(e);
            return;
        }
        for (Template x : t.all()) {
            if (t.get(x.name()) == null) {
                throw new AssertionError("template '" + x.name() + "' cannot be looked up");
            }
        }
    }
}
