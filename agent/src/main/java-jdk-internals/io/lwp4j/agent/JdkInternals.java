package io.lwp4j.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.internal.access.SharedSecrets;
import jdk.internal.misc.CarrierThreadLocal;
import jdk.internal.misc.Unsafe;
import jdk.internal.misc.VM;
import jdk.internal.module.ModuleBootstrap;

/**
 * What the agent needs from inside {@code java.base}, granted to its own (unnamed) module with
 * {@link Instrumentation#redefineModule}, never to the application's named modules. In premain
 * ({@link #grant}):
 * <ul>
 *   <li>exports {@code jdk.internal.access}: the carrier of a virtual thread
 *       ({@code JavaLangAccess.currentCarrierThread}), enabling native access, the exit hook's slot;
 *   <li>exports {@code jdk.internal.misc}: {@code CarrierThreadLocal}, a thread-local whose
 *       value belongs to the carrier, which holds each OS thread's ring buffer; {@code Unsafe},
 *       which defines {@code Hooks} in the boot loader; the JVM's arguments ({@code VM});
 *   <li>exports {@code jdk.internal.module}: whether the JVM runs with
 *       {@code --illegal-native-access=deny};
 * </ul>
 * and as the record path starts ({@link #grantRecordPath}): opens {@code java.io} and {@code
 * sun.nio.ch}, for the rare calls that get a record or an event ({@link IoTargets}): the
 * descriptor, path and socket addresses held in the private fields of the streams, channels and
 * sockets, and {@code sun.nio.ch.Net}'s addresses of a descriptor; from {@code jdk.jfr}, exports
 * {@code jdk.jfr.internal}, JFR's clock, so a slow call's {@code lwp4j.Syscall} event spans the
 * call ({@link io.lwp4j.jfr.EventSpan}). An idle JVM never needs those, and each package opened
 * in premain costs it a class spun (the JDK's lambdas in {@code redefineModule}, issue 16).
 *
 * <p>Compiled on its own ({@code src/main/java-jdk-internals}, agent/pom.xml) with those
 * packages exported to it, so it calls the JDK's internals directly: {@code --release} refuses
 * such exports, and each call through core reflection would cost premain a few milliseconds
 * of method-handle spinning (about 20 ms for {@code Unsafe.defineClass}, issue 16). The price:
 * this class compiles against the building JDK's internals, not Java 22's, so a member that
 * an older JDK lacks fails where it is called ({@link LinkageError}), which each method here
 * handles as the reflective lookup did. Nothing here may run before {@link #grant}: a call
 * into a package not yet exported is an {@link IllegalAccessError}.
 */
final class JdkInternals {
    private JdkInternals() {}

    /** What premain needs (the class comment). */
    static void grant(Instrumentation inst) {
        Module agent = JdkInternals.class.getModule();
        inst.redefineModule(Object.class.getModule(), Set.of(),
                Map.of("jdk.internal.access", Set.of(agent), "jdk.internal.misc", Set.of(agent),
                        "jdk.internal.module", Set.of(agent)), Map.of(), Set.of(), Map.of());
    }

    /** What the record path needs (the class comment). */
    static void grantRecordPath(Instrumentation inst) {
        Module agent = JdkInternals.class.getModule();
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("sun.nio.ch", Set.of(agent)),
                Map.of("java.io", Set.of(agent), "sun.nio.ch", Set.of(agent)), Set.of(), Map.of());
        Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
        if (jfr.isPresent()) {
            inst.redefineModule(jfr.get(), Set.of(), Map.of("jdk.jfr.internal", Set.of(agent)), Map.of(), Set.of(),
                    Map.of());
        }
    }

    /** Defines the class {@code name} from {@code bytes} in the boot loader. */
    static Class<?> defineInBootLoader(String name, byte[] bytes) {
        return Unsafe.getUnsafe().defineClass(name, bytes, 0, bytes.length, null, null);
    }

    /** The JVM's own arguments ({@code -XX:...}, {@code -D...}; JAVA_TOOL_OPTIONS's too), without the launcher's. */
    static List<String> jvmArguments() {
        try {
            return List.of(VM.getRuntimeArguments());
        } catch (LinkageError | RuntimeException e) {
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
        Module agent = JdkInternals.class.getModule();
        if (agent.isNativeAccessEnabled()) return true;
        try {
            if (ModuleBootstrap.illegalNativeAccess() == ModuleBootstrap.IllegalNativeAccess.DENY) return false;
            SharedSecrets.getJavaLangAccess().addEnableNativeAccessToAllUnnamed();
            return true;
        } catch (LinkageError | RuntimeException e) {
            // Another JDK (22 and 23 have no --illegal-native-access): the JVM will print its own
            // warning at the first restricted call.
            return true;
        }
    }

    /**
     * Runs {@code hook} at exit in JDK shutdown-hook slot {@code slot} (after the slots below it,
     * slot 1 being every application hook): {@code JavaLangAccess.registerShutdownHook}.
     *
     * @throws InternalError when the slot is taken, IllegalStateException when shutdown began,
     *         LinkageError in a JDK without it
     */
    static void registerShutdownHook(int slot, Runnable hook) {
        SharedSecrets.getJavaLangAccess().registerShutdownHook(slot, false, hook);
    }

    /** A thread-local whose value belongs to the carrier thread ({@code jdk.internal.misc.CarrierThreadLocal}). */
    static <T> ThreadLocal<T> carrierThreadLocal() {
        return new CarrierThreadLocal<>();
    }

    /** {@code FileDescriptor.fd}, the descriptor number. */
    static VarHandle fileDescriptorNumber() throws ReflectiveOperationException {
        return MethodHandles.privateLookupIn(java.io.FileDescriptor.class, MethodHandles.lookup())
                .findVarHandle(java.io.FileDescriptor.class, "fd", int.class);
    }
}
