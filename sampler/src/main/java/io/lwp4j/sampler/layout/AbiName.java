package io.lwp4j.sampler.layout;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name under which {@code lwp4j_abi_entries()} lists the constant or offset this field
 * mirrors: each layout value is written once, as its field, and {@link AbiTable} reads the
 * table the agreement test compares from the fields.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface AbiName {
    String value();
}
