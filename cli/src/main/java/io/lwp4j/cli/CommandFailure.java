package io.lwp4j.cli;

/** A command could not do its job for a reason the user can act on: printed as one line, exit code 1. */
public final class CommandFailure extends Exception {
    public CommandFailure(String message) {
        super(message);
    }
}
