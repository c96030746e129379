package io.lwp4j.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the agent needs from inside {@code java.base}, granted to its own (unnamed) module with
 * {@link Instrumentation#redefineModule}, never to the application's named modules:
 * <ul>
 *   <li>exports {@code jdk.internal.access}: the carrier of a virtual thread
 *       ({@code JavaLangAccess.currentCarrierThread}), and enabling native access;
 *   <li>exports {@code jdk.internal.misc}: {@code CarrierThreadLocal}, a thread-local whose
 *       value belongs to the carrier, which holds each OS thread's ring buffer;
 *   <li>exports {@code jdk.internal.module}: whether the JVM runs with
 *       {@code --illegal-native-access=deny};
 *   <li>opens {@code java.io} and {@code sun.nio.ch}: for the rare calls that get a record or
 *       an event ({@link IoTargets}), the descriptor, path and socket addresses held in the
 *       private fields of the streams, channels and sockets, and {@code sun.nio.ch.Net}'s
 *       addresses of a descriptor;
 * </ul>
 * and from {@code jdk.jfr}: exports {@code jdk.jfr.internal}, JFR's clock, so a slow call's
 * {@code lwp4j.Syscall} event spans the call ({@link io.lwp4j.jfr.EventSpan}).
 */
final class JdkAccess {
    private JdkAccess() {}

    static void grant(Instrumentation inst) {
        Module javaBase = Object.class.getModule();
        Module agent = JdkAccess.class.getModule();
        inst.redefineModule(javaBase, Set.of(),
                Map.of("jdk.internal.access", Set.of(agent), "jdk.internal.misc", Set.of(agent),
                        "jdk.internal.module", Set.of(agent), "sun.nio.ch", Set.of(agent)),
                Map.of("java.io", Set.of(agent), "sun.nio.ch", Set.of(agent)), Set.of(), Map.of());
        ModuleLayer.boot().findModule("jdk.jfr").ifPresent(jfr -> inst.redefineModule(jfr, Set.of(),
                Map.of("jdk.jfr.internal", Set.of(agent)), Map.of(), Set.of(), Map.of()));
    }

    /** The JVM's own arguments ({@code -XX:...}, {@code -D...}; JAVA_TOOL_OPTIONS's too), without the launcher's. */
    static List<String> jvmArguments() {
        try {
            return List.of((String[]) Class.forName("jdk.internal.misc.VM").getMethod("getRuntimeArguments").invoke(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Lets the agent's code call restricted FFM methods without the JVM's once-per-process
     * warning on standard error. The agent lives in the class path's unnamed module, and the
     * JDK keeps one native-access flag for all unnamed modules: this sets that flag, exactly as
     * the JVM itself does after printing its warning for the first restricted call (so the
     * application's own class-path code is treated no differently than without lwp4j, minus
     * that warning). With {@code --illegal-native-access=deny} nothing is changed.
     *
     * @return false when native access is denied to class-path code
     */
    static boolean enableNativeAccess() {
        Module agent = JdkAccess.class.getModule();
        if (agent.isNativeAccessEnabled()) return true;
        try {
            Class<?> bootstrap = Class.forName("jdk.internal.module.ModuleBootstrap");
            Object mode = bootstrap.getMethod("illegalNativeAccess").invoke(null);
            if ("DENY".equals(String.valueOf(mode))) return false;
            Class<?> sharedSecrets = Class.forName("jdk.internal.access.SharedSecrets");
            Object javaLangAccess = sharedSecrets.getMethod("getJavaLangAccess").invoke(null);
            Class.forName("jdk.internal.access.JavaLangAccess").getMethod("addEnableNativeAccessToAllUnnamed")
                    .invoke(javaLangAccess);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another JDK: the JVM will print its own warning at the first restricted call.
            return true;
        }
    }

    /**
     * Runs {@code hook} at exit in JDK shutdown-hook slot {@code slot} (after the slots below it,
     * slot 1 being every application hook): {@code JavaLangAccess.registerShutdownHook}.
     *
     * @throws InternalError when the slot is taken, IllegalStateException when shutdown began
     */
    static void registerShutdownHook(int slot, Runnable hook) throws ReflectiveOperationException {
        Class<?> sharedSecrets = Class.forName("jdk.internal.access.SharedSecrets");
        Object javaLangAccess = sharedSecrets.getMethod("getJavaLangAccess").invoke(null);
        try {
            Class.forName("jdk.internal.access.JavaLangAccess")
                    .getMethod("registerShutdownHook", int.class, boolean.class, Runnable.class)
                    .invoke(javaLangAccess, slot, false, hook);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof InternalError taken) throw taken;
            throw e;
        }
    }

    /** A thread-local whose value belongs to the carrier thread ({@code jdk.internal.misc.CarrierThreadLocal}). */
    @SuppressWarnings("unchecked")
    static <T> ThreadLocal<T> carrierThreadLocal() throws ReflectiveOperationException {
        return (ThreadLocal<T>) Class.forName("jdk.internal.misc.CarrierThreadLocal").getConstructor().newInstance();
    }

    /** {@code FileDescriptor.fd}, the descriptor number. */
    static VarHandle fileDescriptorNumber() throws ReflectiveOperationException {
        return MethodHandles.privateLookupIn(java.io.FileDescriptor.class, MethodHandles.lookup())
                .findVarHandle(java.io.FileDescriptor.class, "fd", int.class);
    }
}
