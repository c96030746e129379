package io.lwp4j.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Starts the agent once {@code Lwp4jAgent} (the entry point, loadable on any JDK) has found
 * this JVM recent enough.
 *
 * <p>First the bootstrap part is defined in the boot loader: {@link
 * io.lwp4j.agent.bootstrap.Hooks}, the only class that advice inlined into JDK classes calls.
 * Only then is the rest of the agent loaded, so every reference to {@code Hooks} resolves to
 * the boot loader's class. Before that, this class touches nothing of the agent but {@link
 * JdkInternals}. {@link AgentRuntime} is called directly, not reflectively (a reflective call
 * costs premain milliseconds of method-handle spinning): the JVM loads a class named by an
 * instruction when that instruction first runs, here after {@code Hooks} is defined (the
 * verifier of this class has no reason to load it: nothing here is checked against its type).
 *
 * <p>Nothing here throws into the JVM (an exception from premain would abort it): a failure is
 * one warning and the application runs without lwp4j.
 */
public final class AgentBootstrap {
    static final String HOOKS = "io.lwp4j.agent.bootstrap.Hooks";

    private AgentBootstrap() {}

    /** {@code attached}: loaded into a running JVM (agentmain) rather than at its start. */
    public static void start(String options, Instrumentation inst, boolean attached) {
        try {
            JdkInternals.grant(inst);
            defineHooksInBootLoader();
            AgentRuntime.start(options, inst, attached);
        } catch (Throwable t) {
            try {
                System.err.println("lwp4j: warning: the agent did not start (" + describe(t)
                        + "); the application runs without it");
            } catch (Throwable alsoFailed) {
                // out of memory again, say: a throw from here would abort the JVM
            }
        }
    }

    /**
     * Defines {@code Hooks} in the boot loader from its bytes in this jar, with {@code
     * jdk.internal.misc.Unsafe.defineClass} (exported to the agent by {@link JdkInternals#grant}).
     * Not {@code Instrumentation.appendToBootstrapClassLoaderSearch}: appending to the boot class
     * path makes the JVM turn off class data sharing for application classes and print a warning
     * about it, which would change the host's startup and output.
     */
    private static void defineHooksInBootLoader() throws IOException, URISyntaxException {
        if (isInBootLoader()) return;   // attached before
        String resource = HOOKS.replace('.', '/') + ".class";
        byte[] bytes;
        // from the agent jar as a zip file (the class loader has it open already), not with
        // getResourceAsStream, whose URL handlers and module scan load some forty JDK classes
        File agentJar = new File(AgentBootstrap.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile jar = new JarFile(agentJar, false)) {
            JarEntry entry = jar.getJarEntry(resource);
            if (entry == null) throw new IOException(resource + " is missing from the agent jar " + agentJar);
            try (InputStream in = jar.getInputStream(entry)) {
                bytes = in.readAllBytes();
            }
        }
        Class<?> hooks = JdkInternals.defineInBootLoader(HOOKS, bytes);
        if (hooks.getClassLoader() != null) throw new IllegalStateException("Hooks is not in the boot loader");
    }

    /** The exception and its root cause, on one line. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (t instanceof java.lang.reflect.InvocationTargetException) t = t.getCause();
        return root == t ? String.valueOf(t) : t + ", caused by " + root;
    }

    private static boolean isInBootLoader() {
        try {
            Class.forName(HOOKS, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
