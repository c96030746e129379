package io.lwp4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(name = "lwp4j", mixinStandardHelpOptions = true, version = "lwp4j 0.1.0-SNAPSHOT",
        description = "LightWeight Profiling for Java: what the kernel costs a JVM.",
        subcommands = {ReportCommand.class, AttachCommand.class, BenchCommand.class, HelpCommand.class})
final class Lwp4jCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
