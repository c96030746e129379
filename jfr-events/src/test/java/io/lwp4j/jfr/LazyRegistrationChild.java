package io.lwp4j.jfr;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.layout.RecordType;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * The child JVM of {@link LazyRegistrationTest}, started without any recording: starts the JFR
 * drain pipeline, drains {@code before} USER records (sequence 0..before-1) while JFR is not
 * initialized, then starts a recording with lwp4j.jfc, drains {@code after} more and writes the
 * recording to {@code file}. Prints {@code key=value} lines for the parent.
 */
public final class LazyRegistrationChild {
    static final String RECORDING_STARTS = "recording starts";

    private LazyRegistrationChild() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int before = Integer.parseInt(args[1]);
        int after = Integer.parseInt(args[2]);
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS);
                JfrPipeline jfr = JfrPipeline.start(session, DrainConfig.DEFAULTS)) {
            RingBuffer b = session.threadBuffers().current();
            for (int s = 0; s < before; s++) b.append(RecordType.USER.code(), 0, 0, s, 0, 0, 0, 0, 0);
            if (!jfr.pipeline().flush(Duration.ofSeconds(30))) throw new IllegalStateException("first flush timed out");
            System.out.println("jfrInitializedBeforeRecording=" + (FlightRecorder.isInitialized() ? 1 : 0));
            System.out.println("registeredBeforeRecording=" + (jfr.isRegisteredWithJfr() ? 1 : 0));
            System.out.println("filteredBeforeRecording=" + jfr.statistics().filtered());
            System.out.println(RECORDING_STARTS);
            System.out.flush(); // ordered before the JVM's own class-load lines that follow
            try (Recording r = new Recording(Lwp4jSettings.with("default"))) {
                r.start();
                System.out.println("registeredAfterRecordingStart=" + (jfr.isRegisteredWithJfr() ? 1 : 0));
                for (int s = before; s < before + after; s++) b.append(RecordType.USER.code(), 0, 0, s, 0, 0, 0, 0, 0);
                if (!jfr.pipeline().flush(Duration.ofSeconds(30))) throw new IllegalStateException("second flush timed out");
                r.stop();
                r.dump(file);
            }
            System.out.println("emitted=" + jfr.statistics().emitted());
        }
    }
}
