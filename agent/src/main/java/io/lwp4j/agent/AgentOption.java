package io.lwp4j.agent;

import java.util.function.Function;

/**
 * One agent option: its key, its default as the user would type it, a one-line description
 * and a parser that turns the text into a value or throws {@link IllegalArgumentException}
 * whose message says what was expected.
 *
 * @param <T> the parsed value
 */
public final class AgentOption<T> {
    private final String key;
    private final String defaultText;
    private final String description;
    private final Function<String, T> parser;
    private final T defaultValue;

    AgentOption(String key, String defaultText, String description, Function<String, T> parser) {
        this.key = key;
        this.defaultText = defaultText;
        this.description = description;
        this.parser = parser;
        this.defaultValue = parser.apply(defaultText);
    }

    public String key() {
        return key;
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    public T defaultValue() {
        return defaultValue;
    }

    T parse(String text) {
        return parser.apply(text);
    }

    /** The system property that sets this option: {@code lwp4j.<key>}. */
    public String systemProperty() {
        return "lwp4j." + key;
    }

    /** The environment variable that sets this option: {@code LWP4J_<KEY>}. */
    public String environmentVariable() {
        return "LWP4J_" + key.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return key;
    }
}
