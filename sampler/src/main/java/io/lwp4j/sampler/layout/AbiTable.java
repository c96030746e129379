package io.lwp4j.sampler.layout;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code lwp4j_abi_entries()} names and values of a layout class's {@link AbiName} fields. */
final class AbiTable {
    private AbiTable() {}

    static Map<String, Long> of(Class<?> layout) {
        Map<String, Long> table = new LinkedHashMap<>();
        for (Field f : layout.getDeclaredFields()) {
            AbiName name = f.getAnnotation(AbiName.class);
            if (name == null) continue;
            if (!Modifier.isStatic(f.getModifiers())) {
                throw new IllegalStateException(layout.getSimpleName() + "." + f.getName() + " is not static");
            }
            try {
                table.put(name.value(), ((Number) f.get(null)).longValue());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return table;
    }
}
