package io.lwp4j.sampler;

/**
 * The one shape of the configuration records' checks ({@link BufferConfig}, {@link
 * io.lwp4j.sampler.drain.DrainConfig}, the write tracker's and the canary's options): a
 * refused value is an {@link IllegalArgumentException} that reads "{@code <what> must be
 * <expected>, got <value>}".
 */
public final class ConfigCheck {
    private ConfigCheck() {}

    /** Throws unless {@code ok}. */
    public static void require(boolean ok, String what, String expected, Object value) {
        if (!ok) throw new IllegalArgumentException(what + " must be " + expected + ", got " + value);
    }

    /** {@code value} is a power of two within {@code min..max}. */
    public static boolean isPowerOfTwoWithin(long value, long min, long max) {
        return value >= min && value <= max && Long.bitCount(value) == 1;
    }
}
