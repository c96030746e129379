package io.lwp4j.agent;

import java.util.Locale;

/**
 * Where {@code jfr=}, {@code summary=} and {@code dump=} send their output: one of the words
 * the options know ({@code jfr}: join or off; {@code summary}, {@code dump}: off, stderr or
 * stdout), or a file. {@link #toString()} is the text as the option takes it.
 */
public sealed interface Destination permits Destination.Word, Destination.File {
    Destination OFF = Word.OFF;
    Destination JOIN = Word.JOIN;
    Destination STDERR = Word.STDERR;
    Destination STDOUT = Word.STDOUT;

    /** The options' words; which ones an option takes is its parser's. */
    enum Word implements Destination {
        OFF, JOIN, STDERR, STDOUT;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A file path, as given. */
    record File(String path) implements Destination {
        @Override
        public String toString() {
            return path;
        }
    }
}
