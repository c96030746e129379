package io.lwp4j.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
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
 *   <li>exports {@code sun.nio.ch}: the descriptor of a channel waiting in
 *       {@code SelChImpl.park} ({@code getFDVal()});
 *   <li>opens {@code java.io}: the int inside a {@code FileDescriptor}.
 * </ul>
 */
final class JdkAccess {
    private JdkAccess() {}

    static void grant(Instrumentation inst) {
        Module javaBase = Object.class.getModule();
        Module agent = JdkAccess.class.getModule();
        inst.redefineModule(javaBase, Set.of(),
                Map.of("jdk.internal.access", Set.of(agent), "jdk.internal.misc", Set.of(agent),
                        "jdk.internal.module", Set.of(agent), "sun.nio.ch", Set.of(agent)),
                Map.of("java.io", Set.of(agent)), Set.of(), Map.of());
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

    /** A thread-local whose value belongs to the carrier thread ({@code jdk.internal.misc.CarrierThreadLocal}). */
    @SuppressWarnings("unchecked")
    static <T> ThreadLocal<T> carrierThreadLocal() throws ReflectiveOperationException {
        return (ThreadLocal<T>) Class.forName("jdk.internal.misc.CarrierThreadLocal").getConstructor().newInstance();
    }

    /** {@code sun.nio.ch.SelChImpl.getFDVal()}, as {@code (Object) -> int}. */
    static MethodHandle channelDescriptorNumber() throws ReflectiveOperationException {
        Class<?> selectable = Class.forName("sun.nio.ch.SelChImpl");
        return MethodHandles.lookup().findVirtual(selectable, "getFDVal", MethodType.methodType(int.class))
                .asType(MethodType.methodType(int.class, Object.class));
    }

    /** {@code FileDescriptor.fd}, the descriptor number. */
    static VarHandle fileDescriptorNumber() throws ReflectiveOperationException {
        return MethodHandles.privateLookupIn(java.io.FileDescriptor.class, MethodHandles.lookup())
                .findVarHandle(java.io.FileDescriptor.class, "fd", int.class);
    }
}
