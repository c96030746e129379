package io.lwp4j.demo;

import java.nio.file.Path;

/**
 * Command-line options of the demo.
 *
 * @param modules modules to compile, load and run
 * @param functions functions per module
 * @param pages code region size in pages
 * @param policy which code-loading strategies the runtime's security policy allows
 * @param cacheEvery write a module's code to the disk cache every this many modules
 * @param seed random seed of the generated code
 * @param jfr where the JFR recording is written (under the agent)
 */
public record DemoOptions(int modules, int functions, int pages, StrategyDecision.Policy policy, int cacheEvery, long seed,
                          Path jfr) {
    static final String USAGE = "usage: lwp4j-demo [--modules=N] [--functions=N] [--pages=N] [--policy=wx|fastest] "
            + "[--cache-every=N] [--seed=N] [--jfr=FILE]";

    public DemoOptions {
        if (modules < 1) throw new IllegalArgumentException("--modules must be >= 1, got " + modules);
        if (pages < 1 || pages > 64) throw new IllegalArgumentException("--pages must be 1..64, got " + pages);
        if (functions < 1 || functions > pages * 32) {
            throw new IllegalArgumentException("--functions must be 1.." + pages * 32 + " for " + pages + " pages, got " + functions);
        }
        if (cacheEvery < 1) throw new IllegalArgumentException("--cache-every must be >= 1, got " + cacheEvery);
    }

    static DemoOptions parse(String... args) {
        int modules = 3000, functions = 12, pages = 4, cacheEvery = 25;
        long seed = 2026;
        StrategyDecision.Policy policy = StrategyDecision.Policy.WX;
        Path jfr = Path.of("lwp4j-demo.jfr");
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) throw new IllegalArgumentException("unknown argument " + a);
            String key = a.substring(2, eq), value = a.substring(eq + 1);
            try {
                switch (key) {
                    case "modules" -> modules = Integer.parseInt(value);
                    case "functions" -> functions = Integer.parseInt(value);
                    case "pages" -> pages = Integer.parseInt(value);
                    case "cache-every" -> cacheEvery = Integer.parseInt(value);
                    case "seed" -> seed = Long.parseLong(value);
                    case "policy" -> policy = StrategyDecision.Policy.valueOf(value.toUpperCase());
                    case "jfr" -> jfr = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option --" + key);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " needs a number, got " + value);
            } catch (IllegalArgumentException e) {
                if (!key.equals("policy")) throw e;
                throw new IllegalArgumentException("--policy must be wx or fastest, got " + value);
            }
        }
        return new DemoOptions(modules, functions, pages, policy, cacheEvery, seed, jfr);
    }
}
