package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.Idle;
import io.lwp4j.sampler.Soak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lwp4j records nothing of its own: on an idle program with every lwp4j thread busy (the dump
 * writer, the summary and JFR handlers, the drainer, the exit flush and report writing their
 * files), no record is about an lwp4j thread, and the dump stays small.
 */
class OwnThreadsIT {
    private static final Pattern OWNER = Pattern.compile(" owner=(\\S+)");

    @Test
    void anIdleProgramsDumpHoldsNothingOfLwp4jsOwnThreads(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("idle.dump");
        Path summary = dir.resolve("summary.txt");
        Path jfr = dir.resolve("idle.jfr");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()
                + "=dump=" + dump + ",summary=" + summary + ",jfr=" + jfr + ",jfrthreshold=0ms"), Idle.class, "2000"), 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("idle done\n", r.stdout());
        List<String> lines = Files.readAllLines(dump);
        TreeSet<String> owners = new TreeSet<>();
        long own = 0;
        for (String line : lines) {
            Matcher m = OWNER.matcher(line);
            if (!m.find()) continue;
            owners.add(m.group(1));
            if (m.group(1).startsWith("lwp4j")) own++;
        }
        String produced = Files.readString(summary).lines().findFirst().orElse("");
        Soak.report("idle-dump", "lines", lines.size(), "own_thread_records", own, "owners", owners.size(),
                "bytes", Files.size(dump));
        assertEquals(0, own, "records about lwp4j's own threads, owners " + owners);
        assertTrue(lines.size() < 10_000, "an idle program's dump is small: " + lines.size() + " lines; " + produced);
        assertTrue(Files.size(jfr) > 0, "the recording was written");
    }
}
