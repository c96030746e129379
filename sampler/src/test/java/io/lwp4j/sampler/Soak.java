package io.lwp4j.sampler;

/**
 * Sizes of the reliability scenarios: the CI size by default, the soak size with
 * {@code -Dlwp4j.soak=true} ({@code mvn verify -Dlwp4j.soak=true}).
 */
public final class Soak {
    public static final boolean ON = Boolean.getBoolean("lwp4j.soak");

    private Soak() {}

    public static int size(int ci, int soak) {
        return ON ? soak : ci;
    }

    public static long size(long ci, long soak) {
        return ON ? soak : ci;
    }

    /** One line the RELIABILITY.md table is filled from: {@code RELIABILITY <scenario> k=v ...}. */
    public static void report(String scenario, Object... keyValues) {
        StringBuilder s = new StringBuilder("RELIABILITY ").append(scenario).append(Soak.ON ? " (soak)" : "");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            s.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
        }
        System.out.println(s);
    }
}
