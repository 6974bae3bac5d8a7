package dev.assistants4j.core.service;

/** Which model names the deployment routes; used to refuse unknown models when they are created. */
public interface ModelCatalog {

    /** True when requests for {@code model} can be routed. */
    boolean supports(String model);

    /** A catalog that routes every name (no model list configured). */
    static ModelCatalog any() {
        return model -> true;
    }
}
