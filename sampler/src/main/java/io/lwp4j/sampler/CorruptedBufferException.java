package io.lwp4j.sampler;

/**
 * A ring buffer's shared header holds positions the protocol cannot produce (a consumer more
 * than a lap behind the head): something overwrote it, and no record or count read from it
 * could be trusted. The drainer leaves such a buffer for good.
 */
public final class CorruptedBufferException extends IllegalStateException {
    public CorruptedBufferException(String message) {
        super(message);
    }
}
