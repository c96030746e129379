package io.lwp4j.sampler;

import jdk.internal.access.JavaLangAccess;
import jdk.internal.access.SharedSecrets;

/**
 * The carrier of the calling virtual thread (the caller itself on a platform thread), straight
 * from {@code jdk.internal.access.JavaLangAccess}. Compiled on its own with that package exported
 * to it (sampler/pom.xml, as the agent's {@code JdkInternals}), so the call is a plain one: the
 * reflective lookup and the bound method handle it replaces spun two classes in the host's
 * premain, whose stack maps took the JDK's stack-map generator nearer to its compilation by C1,
 * 7.6 MB of compiler arena in the runs that got it (issue 16, BENCHMARKS.md "Sixth part"). Only
 * {@link CarrierThreads} calls it, once it has seen that the running JVM exports the package to
 * this module; before that a call is an {@link IllegalAccessError}.
 */
final class JdkCarrierThread {
    private static final JavaLangAccess ACCESS = SharedSecrets.getJavaLangAccess();

    private JdkCarrierThread() {}

    static Thread current() {
        return ACCESS.currentCarrierThread();
    }
}
