package io.lwp4j.sampler;

import jdk.internal.access.JavaLangAccess;
import jdk.internal.access.SharedSecrets;

/**
 * The carrier of the calling virtual thread (the caller itself on a platform thread), straight
 * from {@code jdk.internal.access.JavaLangAccess}. Compiled on its own with that package exported
 * to it (sampler/pom.xml, as the agent's {@code JdkInternals}), so the call is a plain one: the
 * reflective lookup and the bound method handle it replaces spun three classes in the host's
 * premain, enough to get the JDK's stack-map generator compiled by C1 there in some runs, 6 MiB
 * of compiler arena (issue 16, BENCHMARKS.md). Only {@link CarrierThreads} calls it, once it has
 * seen that the running JVM exports the package to this module; before that a call is an {@link
 * IllegalAccessError}.
 */
final class JdkCarrierThread {
    private static final JavaLangAccess ACCESS = SharedSecrets.getJavaLangAccess();

    private JdkCarrierThread() {}

    static Thread current() {
        return ACCESS.currentCarrierThread();
    }
}
