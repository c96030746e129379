package io.lwp4j.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of lwp4j's optional parts run in this JVM: each is on, off (its option says so) or
 * refused (the environment said no; the cause is what its warning named). The agent sets each
 * as it starts that part; the metrics and the MBean read them.
 */
public final class Features {
    public enum State {
        ON, OFF, REFUSED
    }

    /**
     * One part.
     *
     * @param name the key of the option that asks for it ({@code canary}, {@code prometheus})
     * @param cause why it was refused, empty unless {@code REFUSED}
     */
    public record Feature(String name, State state, String cause) {}

    private final Map<String, Feature> byName = new LinkedHashMap<>(); // guarded by this

    /** An empty set: the agent makes one at its start and passes it to whatever starts a part. */
    public Features() {}

    public synchronized void on(String name) {
        byName.put(name, new Feature(name, State.ON, ""));
    }

    public synchronized void off(String name) {
        byName.put(name, new Feature(name, State.OFF, ""));
    }

    public synchronized void refused(String name, String cause) {
        byName.put(name, new Feature(name, State.REFUSED, cause));
    }

    /** Every part set so far, in the order they were first set. */
    public synchronized List<Feature> all() {
        return new ArrayList<>(byName.values());
    }
}
