package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lwp4j.cli.CliRun;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --json} is valid against {@code docs/report.schema.json}, and the schema can tell a wrong document. */
class JsonSchemaTest {
    static final Path SCHEMA = Path.of(System.getProperty("lwp4j.projectDir", ".."), "docs", "report.schema.json");
    static JsonSchema schema;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void schema() throws Exception {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static JsonNode report(String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out());
    }

    private static void assertValid(JsonNode document) {
        Set<ValidationMessage> errors = schema.validate(document);
        assertTrue(errors.isEmpty(), errors + "\n" + document.toPrettyString().lines().limit(60).toList());
    }

    @Test
    void aServerRecording() throws Exception {
        JsonNode doc = report("report", "--json", TestRecordings.server().toString());
        assertValid(doc);
        assertEquals("lwp4j-report/1", doc.get("schema").asText());
        assertTrue(doc.get("io").size() >= 7, doc.get("io").toString());
        assertTrue(doc.get("recordedCalls").get("slowest").size() > 0);
    }

    @Test
    void aRecordingWithKernelCostsAndLostRecords() throws Exception {
        JsonNode doc = report("report", "--json", PipelineRecording.file().toString());
        assertValid(doc);
        assertTrue(doc.get("kernel").get("syscallPath").get("calls").size() == 3, doc.get("kernel").toString());
        assertTrue(doc.get("verdict").get("recordsLost").asLong() > 0, doc.get("verdict").toString());
    }

    @Test
    void aComparison() throws Exception {
        JsonNode doc = report("report", "--json", "--compare", TestRecordings.server().toString(),
                TestRecordings.serverForcingEveryRequest().toString());
        assertValid(doc);
        assertEquals("lwp4j-report-compare/1", doc.get("schema").asText());
    }

    @Test
    void theSchemaRejectsAWrongDocument() throws Exception {
        JsonNode doc = report("report", "--json", TestRecordings.server().toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("io").get(0)).put("calls", "many");
        assertFalse(schema.validate(doc).isEmpty(), "a string where a count belongs is caught");
    }
}
