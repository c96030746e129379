package io.lwp4j.agent;

/**
 * Counts of a finished drain.
 *
 * @param drained records read from every buffer
 * @param lost records the buffers dropped because they were full (the producers' count)
 * @param unrecorded I/O calls the advice saw but could not record (no buffer for the thread)
 * @param adviceFailures throwables the advice swallowed
 */
record DrainTotals(long drained, long lost, long unrecorded, long adviceFailures) {}
