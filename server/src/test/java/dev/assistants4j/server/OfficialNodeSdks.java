package dev.assistants4j.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the annotated test once for each official {@code openai} npm package that {@code conformance/node} installs,
 * 4.x and 7.x, passing its name as the scripts take it ({@code openai4}, {@code openai7}) as the first argument.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ValueSource(strings = {"openai4", "openai7"})
public @interface OfficialNodeSdks {}
