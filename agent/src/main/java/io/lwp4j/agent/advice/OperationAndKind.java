package io.lwp4j.agent.advice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an advice parameter to the constant {@code operation | kind << 8} of the method it is
 * applied to ({@code Advice.withCustomMapping().bind}), so one advice serves every method of
 * the same shape.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OperationAndKind {}
