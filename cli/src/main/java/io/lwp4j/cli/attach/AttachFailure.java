package io.lwp4j.cli.attach;

/** Attaching failed; the message says why in one line, naming the pid, and what would make it work. */
public final class AttachFailure extends Exception {
    AttachFailure(String message) {
        super(message);
    }
}
