package org.warmnest.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Keycloak server on this machine, with the {@code warmnest} realm imported: the distribution
 * ({@code org.keycloak:keycloak-quarkus-dist}) comes through Maven, is unpacked once into {@code home}, started in
 * development mode on loopback, awaited until the realm answers, and stopped with SIGTERM (then forcibly).
 *
 * <p>The realm export is {@code keycloak/warmnest-realm.json} in the repository. Its placeholders are filled from
 * this process's environment and {@link Builder#env}: {@code WARMNEST_OTP} ({@code CONDITIONAL} by default;
 * {@code DISABLED} skips the one-time code, as the local demo does), {@code WARMNEST_DEMO_PASSWORD}, the service
 * clients' secrets and {@code WARMNEST_PUBLIC_URL} (the console's address, where its sign-in comes back to).
 */
public final class LocalKeycloak implements AutoCloseable {

    public static final String REALM = "warmnest";
    public static final String VERSION = version();
    public static final String REALM_FILE = "keycloak/warmnest-realm.json";
    /** The password deny-list the realm's {@code passwordBlacklist} policy names, in Keycloak's default folder. */
    public static final String DENY_LIST_FILE = "keycloak/password-blacklists/warmnest-deny-list.txt";
    /** The demo users: imported by local runs and tests only. */
    public static final String DEMO_USERS_FILE = "keycloak/demo/warmnest-users-0.json";
    /** The clients' secrets of a local run (the realm file has none): {@code dev-<client>-secret}. */
    public static final Map<String, String> DEV_SECRETS = Map.of("WARMNEST_TENANT_SERVICE_SECRET",
            devSecret("tenant-service"), "WARMNEST_CARE_SERVICE_SECRET", devSecret("care-service"),
            "WARMNEST_BILLING_SERVICE_SECRET", devSecret("billing-service"), "WARMNEST_GATEWAY_SECRET",
            devSecret("warmnest-gateway"));

    /** A client's secret in a local run. */
    public static String devSecret(String client) {
        return "dev-" + client + "-secret";
    }

    /** Where to keep Keycloak's own data. */
    public enum Storage {
        /** In memory: every start imports the realm afresh (tests). */
        MEMORY,
        /** In {@code home/data}: users and groups survive a restart; the realm is imported once (the launcher). */
        FILE
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Builder settings;
    private volatile Process process;
    private volatile boolean closed;

    private LocalKeycloak(Builder settings) {
        this.settings = settings;
    }

    /** @param repositoryRoot the WarmNest checkout: its {@code mvnw} fetches the distribution, it holds the realm */
    public static Builder builder(Path repositoryRoot) {
        return new Builder(repositoryRoot);
    }

    public int port() {
        return settings.port;
    }

    /** The server's base address, e.g. for Keycloak's admin client. */
    public String serverUrl() {
        return "http://127.0.0.1:" + settings.port;
    }

    /** The {@code iss} of every token this server issues (its hostname is pinned to 127.0.0.1). */
    public String issuer() {
        return serverUrl() + "/realms/" + REALM;
    }

    public String tokenUri() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public Path log() {
        return settings.log;
    }

    /**
     * Keycloak imports the realm once into kept data ({@link Storage#FILE}): a realm file changed since (a new client
     * setting, a new policy) does not reach it. Says so, once per change, so that nobody wonders why.
     */
    private void warnOfAnOlderRealm(Path home) throws IOException {
        Path marker = home.resolve("data").resolve("realm-imported.sha256");
        String now;
        try {
            now = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(settings.root.resolve(REALM_FILE))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        boolean imported = Files.isDirectory(home.resolve("data").resolve("h2"));
        if (!imported || !Files.exists(marker)) {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, now);
            return;
        }
        if (!Files.readString(marker).strip().equals(now)) {
            System.err.println("NOTE: " + REALM_FILE + " changed since this Keycloak's data in " + home.resolve("data")
                    + " was made; Keycloak keeps the realm it imported then. To take the new realm, stop, remove "
                    + ".run/ (all local data) and start again.");
        }
    }

    /** Starts the server and waits until the realm answers; returns how long that took. */
    public Duration start() throws IOException, InterruptedException {
        synchronized (this) {
            if (process != null || closed) {
                throw new IllegalStateException(closed ? "closed" : "already started");
            }
        }
        long started = System.nanoTime();
        Path home = ensureDistribution(settings.root, settings.home);
        if (settings.storage == Storage.FILE) {
            warnOfAnOlderRealm(home);
        }
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        Files.copy(settings.root.resolve(REALM_FILE), imports.resolve("warmnest-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(settings.root.resolve(DEMO_USERS_FILE), imports.resolve("warmnest-users-0.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Path denyLists = Files.createDirectories(home.resolve("data").resolve("password-blacklists"));
        Files.copy(settings.root.resolve(DENY_LIST_FILE), denyLists.resolve("warmnest-deny-list.txt"),
                StandardCopyOption.REPLACE_EXISTING);

        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin").resolve("kc.sh").toString(),
                "start-dev", "--import-realm", "--http-host=127.0.0.1", "--http-port=" + settings.port,
                "--http-management-port=" + settings.managementPort, "--health-enabled=true",
                "--hostname=" + serverUrl(), "--log-level=" + settings.logLevel));
        command.add(settings.storage == Storage.MEMORY ? "--db=dev-mem" : "--db=dev-file");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        Files.createDirectories(settings.log.toAbsolutePath().getParent());
        builder.redirectOutput(settings.log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx" + settings.maxHeap);
        DEV_SECRETS.forEach(env::putIfAbsent);
        env.putAll(settings.env);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("closed while starting");
            }
            process = builder.start();
        }
        awaitReady(started);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void awaitReady(long started) throws InterruptedException, IOException {
        long deadline = started + settings.readyTimeout.toNanos();
        URI realm = URI.create(issuer() + "/.well-known/openid-configuration");
        while (System.nanoTime() < deadline) {
            Process running = process;
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting"
                        + (running == null ? "" : " (exit " + running.exitValue() + ")") + "; see " + settings.log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(realm).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + settings.readyTimeout.toSeconds()
                + " s; see " + settings.log);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The start script's process and what it started (the server's JVM), while running; else none. */
    public List<ProcessHandle> processes() {
        Process running = process;
        if (running == null) {
            return List.of();
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(List.of(running.toHandle()));
        running.descendants().forEach(all::add);
        return all;
    }

    /**
     * SIGTERM (the start script forwards it), then forcibly after the grace period; children included. Safe to call
     * while {@link #start()} waits in another thread: that start then fails, and nothing is left running.
     */
    @Override
    public void close() {
        Process process;
        synchronized (this) {
            closed = true;
            process = this.process;
            this.process = null;
        }
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(settings.stopGrace.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : descendants) {
                if (child.isAlive()) {
                    child.destroy();
                    child.onExit().get(settings.stopGrace.toSeconds(), TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The unpacked distribution in {@code home}: unpacked from Maven's local repository, where {@code mvnw} puts it
     * first when it is not there yet. Unpacked next to {@code home} and then moved, so a half-unpacked tree is never
     * taken for a whole one.
     */
    static Path ensureDistribution(Path root, Path home) throws IOException, InterruptedException {
        if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))
                && Files.isDirectory(home.resolve("lib"))) {
            return home;
        }
        Path zip = localRepository().resolve("org/keycloak/keycloak-quarkus-dist/" + VERSION
                + "/keycloak-quarkus-dist-" + VERSION + ".zip");
        if (!Files.isRegularFile(zip)) {
            fetch(root);
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the Keycloak distribution is not at " + zip
                    + " after fetching it (set WARMNEST_M2_REPO if Maven keeps its repository elsewhere)");
        }
        Path parent = Files.createDirectories(home.toAbsolutePath().getParent());
        Path staging = Files.createTempDirectory(parent, ".keycloak-unpacking");
        String top = "keycloak-" + VERSION + "/";
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                String name = entry.getName().startsWith(top) ? entry.getName().substring(top.length())
                        : entry.getName();
                Path target = staging.resolve(name).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("unsafe entry in the Keycloak archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try {
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException alreadyThere) {
            deleteTree(staging); // another process unpacked it meanwhile
            if (!Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
                throw alreadyThere;
            }
        }
        return home;
    }

    private static void fetch(Path root) throws IOException, InterruptedException {
        Path mvnw = root.resolve("mvnw");
        List<String> command = new ArrayList<>(List.of("bash", mvnw.toString(), "-B", "-q",
                "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:get",
                "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip", "-Dtransitive=false"));
        String repo = System.getenv("WARMNEST_M2_REPO");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        Process fetch = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
        if (fetch.waitFor() != 0) {
            throw new IllegalStateException("fetching org.keycloak:keycloak-quarkus-dist:" + VERSION
                    + ":zip through Maven failed (exit " + fetch.exitValue() + ")");
        }
    }

    static Path localRepository() {
        String repo = System.getenv("WARMNEST_M2_REPO");
        if (repo == null || repo.isBlank()) {
            repo = System.getProperty("maven.repo.local");
        }
        return repo == null || repo.isBlank()
                ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : Path.of(repo);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** A free loopback port, for tests. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = LocalKeycloak.class.getResourceAsStream("/warmnest-keycloak.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("warmnest-keycloak.properties is missing from the class path", e);
        }
        return properties.getProperty("version");
    }

    public static final class Builder {

        private final Path root;
        private Path home;
        private Path log;
        private int port = 8180;
        private int managementPort = 9180;
        private Storage storage = Storage.MEMORY;
        private String maxHeap = "768m";
        private String logLevel = "info";
        private Duration readyTimeout = Duration.ofMinutes(4);
        private Duration stopGrace = Duration.ofSeconds(20);
        private final Map<String, String> env = new HashMap<>();

        private Builder(Path root) {
            this.root = root.toAbsolutePath().normalize();
            this.home = this.root.resolve(".run").resolve("keycloak-" + VERSION);
            this.log = this.root.resolve(".run").resolve("logs").resolve("keycloak.log");
        }

        /** Where the distribution is unpacked (and, with {@link Storage#FILE}, its data kept). */
        public Builder home(Path home) {
            this.home = home.toAbsolutePath().normalize();
            return this;
        }

        public Builder log(Path log) {
            this.log = log;
            return this;
        }

        public Builder ports(int port, int managementPort) {
            this.port = port;
            this.managementPort = managementPort;
            return this;
        }

        public Builder storage(Storage storage) {
            this.storage = storage;
            return this;
        }

        /** A variable for the realm's placeholders or Keycloak's own configuration ({@code KC_*}). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Skips the one-time code for every role: the local demo's switch ({@code WARMNEST_OTP=DISABLED}). */
        public Builder withoutOtp() {
            return env("WARMNEST_OTP", "DISABLED");
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        public Builder logLevel(String logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        public LocalKeycloak build() {
            return new LocalKeycloak(this);
        }
    }
}
