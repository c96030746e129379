package io.lwp4j.jfr;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.Configuration;

/**
 * {@code lwp4j.jfc}: the settings of the {@code lwp4j.*} events, made to be used beside the
 * JDK's own ({@code -XX:StartFlightRecording:settings=default,settings=lwp4j.jfc}).
 */
public final class Lwp4jSettings {
    /** Class-path resource of {@code lwp4j.jfc}. */
    public static final String RESOURCE = "/io/lwp4j/jfr/lwp4j.jfc";

    private Lwp4jSettings() {}

    /** lwp4j.jfc, parsed. */
    public static Configuration configuration() {
        try (InputStream in = open()) {
            return Configuration.create(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("lwp4j.jfc does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * The settings of a JDK configuration ("default", "profile") with lwp4j's added, for
     * {@code new Recording(Map)}.
     */
    public static Map<String, String> with(String jdkConfigurationName) throws IOException, ParseException {
        Map<String, String> m = new LinkedHashMap<>(Configuration.getConfiguration(jdkConfigurationName).getSettings());
        m.putAll(configuration().getSettings());
        return m;
    }

    /** Writes lwp4j.jfc into {@code directory} (for a command line) and returns its path. */
    public static Path writeTo(Path directory) throws IOException {
        Path file = directory.resolve("lwp4j.jfc");
        try (InputStream in = open()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static InputStream open() {
        InputStream in = Lwp4jSettings.class.getResourceAsStream(RESOURCE);
        if (in == null) throw new IllegalStateException(RESOURCE + " is not on the class path");
        return in;
    }
}
