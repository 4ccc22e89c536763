package io.perpspot.alerts.rule;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.Templates;
import java.util.function.Supplier;

/**
 * What the rules that price a trade ({@code kind: slippage}, {@code kind: opportunity} with {@code template}) take
 * from outside the alerts file: the execution model's parameters ({@code execution.*}) and the templates, read only
 * when a rule names one (so a plain alerts file does not depend on templates.yaml).
 *
 * @param execution the execution model's parameters
 * @param templates reads the templates (called at most once, when a rule names a template)
 */
public record ModelInputs(ExecutionParams execution, Supplier<Templates> templates) {
    /** The shipped defaults: {@code execution.*} of config/perpspot.yaml, the installation's templates.yaml. */
    public static ModelInputs defaults() {
        return new ModelInputs(ExecutionParams.from(ConfigLoader.defaults()), Templates::loadDefault);
    }
}
