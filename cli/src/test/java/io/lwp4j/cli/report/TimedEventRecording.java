package io.lwp4j.cli.report;

import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;

/**
 * A recording of one lwp4j event type of the tests' own, timed with begin/commit: the pipeline's
 * events are all instant, and the report charts an event's own duration where it has one. The
 * JDK's JVM information, initial system properties and environment are recorded beside it.
 */
final class TimedEventRecording {
    static final String EVENT = "lwp4j.test.Batch";

    private TimedEventRecording() {
    }

    @Name(EVENT) @Label("Batch") @Category({"lwp4j", "Test"}) @StackTrace(false)
    static final class Batch extends Event {
        @Label("Items") int items;
    }

    static void write(Path file, int events) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable(Batch.class);
            for (String context : List.of("jdk.JVMInformation", "jdk.InitialSystemProperty", "jdk.InitialEnvironmentVariable")) {
                recording.enable(context);
            }
            recording.start();
            for (int i = 0; i < events; i++) {
                Batch batch = new Batch();
                batch.begin();
                Thread.sleep(0, 100_000 * (1 + i % 5));
                batch.items = i;
                batch.commit();
            }
            recording.stop();
            recording.dump(file);
        }
    }

    /** {@code args[0]}: the recording to write, {@code args[1]}: how many events; for tests that need a JVM of its own. */
    public static void main(String[] args) throws Exception {
        write(Path.of(args[0]), Integer.parseInt(args[1]));
    }
}
