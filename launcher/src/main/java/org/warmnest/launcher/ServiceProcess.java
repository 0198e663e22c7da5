package org.warmnest.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child process ({@code java -jar <module>/target/<module>-<version>.jar}) with its
 * output in a log file; ready when its readiness probe says UP.
 */
final class ServiceProcess {

    static final String VERSION = "0.1.0-SNAPSHOT";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private Path jar;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    private long startedNanos;

    ServiceProcess(String name, int port, Path root, Map<String, String> environment, Path log) {
        this.name = name;
        this.port = port;
        this.jar = jar(root, name);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /**
     * Runs from an extracted copy of the jar (Spring Boot's {@code jarmode=tools extract}): a rebuild while this runs
     * (another terminal, a colleague's {@code mvn verify} in the same tree) cannot pull classes from under the
     * process, and plain jars on the class path start markedly faster than jars nested in one (measured here:
     * care-service ready in 14.1 s instead of 19.1 s, on two cores).
     */
    ServiceProcess runFromCopyIn(Path directory) throws IOException, InterruptedException {
        Path target = directory.resolve(name);
        Path extracted = target.resolve(jar.getFileName());
        if (!Files.exists(extracted)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (scripts/run does)");
            }
            Files.createDirectories(directory);
            Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--destination",
                    target.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (extract.waitFor() != 0 || !Files.exists(extracted)) {
                throw new IllegalStateException("extracting " + jar + " failed");
            }
        }
        jar = extracted;
        return this;
    }

    /** Removes the copies of an earlier run, so that this run copies the jars as they are now. */
    static void clearCopies(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (var files = Files.walk(directory)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!f.equals(directory)) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /** Runs from the same jar as the other process (a restart measures the same build). */
    ServiceProcess runFrom(ServiceProcess other) {
        jar = other.jar;
        return this;
    }

    static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The process id while it runs, for reading its memory from /proc. */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    Map<String, String> environment() {
        return environment;
    }

    Path log() {
        return log;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** CPU time the process has used so far (zero when unknown). */
    java.time.Duration cpuTime() {
        return process == null ? java.time.Duration.ZERO
                : process.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    void start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (scripts/run does)");
        }
        if (!Postgres.Net.isFree(port)) {
            throw new IllegalStateException("port " + port + " for " + name
                    + " is already in use: is another launcher or benchmark running?");
        }
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String options = System.getenv("WARMNEST_SERVICE_JAVA_OPTS");
        if (options != null && !options.isBlank()) {
            command.addAll(Arrays.asList(options.trim().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", String.valueOf(port));
        startedNanos = System.nanoTime();
        process = builder.start();
    }

    /**
     * Waits until the readiness probe answers UP.
     *
     * @return the time from process start to ready
     */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            if (isReady()) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    private boolean isReady() throws InterruptedException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                // A service without probe groups (the gateway, say): its overall health stands in.
                r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks the process to stop (SIGTERM, a graceful shutdown), and kills it and its children after the grace. */
    void stop(Duration grace) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }
}
