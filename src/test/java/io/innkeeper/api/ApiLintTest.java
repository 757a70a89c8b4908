package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Redocly's lint, with the repository's redocly.yaml (its recommended rules), finds neither an error nor a warning
 * in the committed API document, which {@link ApiSnapshotTest} holds equal to the served one. Redocly CLI is the
 * pinned npm package bin/redocly installs into the cache on first use.
 */
class ApiLintTest {

    @Test
    void apiDocumentPassesRedoclyLintWithoutWarnings() throws Exception {
        Path report = Files.createTempFile("redocly-lint", ".json");
        Path log = Files.createTempFile("redocly-lint", ".log");
        Process lint = new ProcessBuilder("bash", "bin/redocly", "lint", "--config", "redocly.yaml", "--format",
                "json", ApiSnapshotTest.SNAPSHOT).redirectOutput(report.toFile())
                .redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("redocly lint finished").isTrue();
        String output = Files.readString(report, StandardCharsets.UTF_8);
        String errors = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).as("redocly lint's report; its log:\n" + errors).contains("\"totals\"");
        JsonNode result = new ObjectMapper().readTree(output);
        List<String> problems = new ArrayList<>();
        for (JsonNode problem : result.path("problems")) {
            problems.add(problem.path("severity").asText() + " " + problem.path("ruleId").asText() + " at "
                    + problem.at("/location/0/pointer").asText() + ": " + problem.path("message").asText());
        }
        assertThat(problems).as("redocly lint of " + ApiSnapshotTest.SNAPSHOT).isEmpty();
        assertThat(result.at("/totals/errors").asInt(-1)).isZero();
        assertThat(result.at("/totals/warnings").asInt(-1)).isZero();
        assertThat(lint.exitValue()).isZero();
        Files.deleteIfExists(report);
        Files.deleteIfExists(log);
    }
}
