package io.lwp4j.cli.report;

/** The recording cannot be reported on (missing, empty, corrupted, or without lwp4j events); the message is one line naming the file. */
public final class UnusableRecordingException extends Exception {
    public UnusableRecordingException(String message) {
        super(message);
    }
}
