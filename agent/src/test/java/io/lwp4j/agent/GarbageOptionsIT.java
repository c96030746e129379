package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.ExitCode;
import io.lwp4j.sampler.Soak;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Must show: garbage options still run the program, with its own exit code and output, and say
 * clearly what was ignored and which default was used; {@code help} lists every option.
 */
class GarbageOptionsIT {

    @Test
    void garbageOptionsRunTheProgramWithClearWarnings() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=@@@,buffer=-1,unknown=1"), ExitCode.class, "0"), 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("exit code program: 0\n", r.stdout());
        List<String> warnings = ChildJvm.warnings(r.stderr());
        Soak.report("garbage-options", "bad_pieces", 3, "warnings", warnings.size(), "exit_code", r.exitCode());
        assertEquals(3, warnings.size(), r.toString());
        assertTrue(warnings.contains("lwp4j: warning: option '@@@' in the agent argument is not key=value; ignored "
                + "(run with 'help' for the options)"), warnings.toString());
        assertTrue(warnings.contains("lwp4j: warning: option buffer (agent argument buffer=-1): expected a size in "
                + "bytes from 1k to 1m such as 16k or 64m; using the default buffer=64k"), warnings.toString());
        assertTrue(warnings.contains("lwp4j: warning: unknown option 'unknown' in the agent argument; ignored "
                + "(run with 'help' for the options)"), warnings.toString());
        assertEquals(r.stderr().lines().count(), warnings.size(), "nothing else on stderr: " + r);
    }

    @Test
    void theProgramsExitCodeIsKept() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(),
                List.of("-javaagent:" + ChildJvm.agentJar()), ExitCode.class, "3"), 60);
        Soak.report("exit-code-kept", "program_exit_code", 3, "with_agent", r.exitCode());
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("exit code program: 3\n", r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void helpListsEveryOptionWithItsDefault() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=help"), ExitCode.class, "0"), 60);
        assertEquals(0, r.exitCode(), r.toString());
        for (AgentOption<?> o : AgentOptions.ALL) {
            assertTrue(r.stderr().contains("  " + o.key() + "=" + o.defaultText() + " "), o + " in\n" + r.stderr());
        }
        ChildJvm.Result launcher = ChildJvm.run(List.of(ChildJvm.JAVA, "-jar", ChildJvm.agentJar().toString(), "help"), 60);
        assertEquals(0, launcher.exitCode(), launcher.toString());
        assertEquals(AgentOptions.help(), launcher.stdout());
    }
}
