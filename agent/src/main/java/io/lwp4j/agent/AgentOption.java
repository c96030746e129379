package io.lwp4j.agent;

/**
 * One agent option: its key, its default as the user would type it and a one-line description;
 * {@link AgentOptions#parseValue} turns a text into its value or throws {@link
 * IllegalArgumentException} whose message says what was expected.
 *
 * @param <T> the parsed value
 */
public final class AgentOption<T> {
    private final String key;
    private final String defaultText;
    private final String description;

    AgentOption(String key, String defaultText, String description) {
        this.key = key;
        this.defaultText = defaultText;
        this.description = description;
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

    /** The default's value, parsed anew at each call (a value may be mutable: {@code ops}' BitSet). */
    public T defaultValue() {
        return parse(defaultText);
    }

    T parse(String text) {
        return AgentOptions.parseValue(this, text);
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
