package io.lwp4j.agent.advice;

import io.lwp4j.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** Thread lifecycle: a platform thread gets its buffer as it starts and gives it back as it ends. */
public final class ThreadAdvice {
    private ThreadAdvice() {}

    /** {@code Thread.run()} and the {@code run()} of every Thread subclass. */
    public static final class Start {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.threadStarted();
        }
    }

    /** {@code Thread.exit()}: the VM calls it on the terminating platform thread. */
    public static final class Exit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.threadExiting();
        }
    }
}
