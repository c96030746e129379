package io.lwp4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs every benchmark table of BENCHMARKS.md.",
                       "That is bench/run-benchmarks.sh of the lwp4j checkout, run with this JVM's java",
                       "(the benchmarks build from the checkout's sources)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--project-dir", paramLabel = "DIR",
            description = "the lwp4j checkout (default: the one this jar was built in, else the working directory)")
    Path projectDir;

    @Parameters(paramLabel = "ARG", arity = "0..*", description = "passed on to bench/run-benchmarks.sh")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws CommandFailure, InterruptedException {
        Path checkout = projectDir != null ? projectDir : Installation.checkout().orElseThrow(() -> new CommandFailure(
                "no lwp4j checkout found (bench/run-benchmarks.sh): run it from the checkout or pass --project-dir"));
        Path script = checkout.resolve("bench/run-benchmarks.sh");
        if (!Files.isExecutable(script)) throw new CommandFailure(script + " is missing or not executable");
        List<String> command = new ArrayList<>(List.of(script.toString(), Installation.javaLauncher().toString()));
        command.addAll(arguments);
        try {
            return new ProcessBuilder(command).directory(checkout.toFile()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new CommandFailure("cannot run " + script + " (" + e.getMessage() + ")");
        }
    }
}
