package io.lwp4j.sampler;

/**
 * A thread's ring buffer was refused because lwp4j's memory budget for buffers is spent
 * ({@link BufferConfig#memoryBudget()}): that thread goes without one, the others keep theirs.
 */
public final class BufferBudgetException extends IllegalStateException {
    public BufferBudgetException(long memoryBudget) {
        super("lwp4j's memory budget of " + memoryBudget + " bytes for ring buffers is spent");
    }
}
