package org.warmnest.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the launcher started, written down ({@code .run/launcher.pids}: the launcher itself, Keycloak, the services,
 * an embedded PostgreSQL), so that a launcher killed without its shutdown hook ({@code kill -9}, a closed terminal
 * that did not pass the signal on) leaves nothing behind for long: the next run stops what is left before it starts.
 * A process is recognised by its id and its start time, so a reused id is never taken for one of ours. A launcher
 * still running is never touched: the new one refuses to start instead.
 */
final class Leftovers {

    static final String FILE = "launcher.pids";
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final Path file;

    Leftovers(Path runDir) {
        this.file = runDir.resolve(FILE);
    }

    /** Stops what a launcher that died left running; refuses if that launcher is alive. */
    void reap(PrintStream out) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<ProcessHandle> left = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<ProcessHandle> p = same(lines.get(i));
            if (i == 0 && p.isPresent() && p.get().pid() != ProcessHandle.current().pid()) {
                throw new IllegalStateException("another launcher is running (pid " + p.get().pid()
                        + "): stop it first (Ctrl-C in its terminal, or kill " + p.get().pid() + ")");
            }
            if (i > 0) {
                p.ifPresent(left::add);
            }
        }
        if (!left.isEmpty()) {
            out.println("  stopping " + left.size() + " process(es) left running by a launcher that did not stop"
                    + " cleanly: " + left.stream().map(h -> String.valueOf(h.pid())).toList());
            stop(left);
        }
        Files.deleteIfExists(file);
    }

    /** Writes down the launcher and the processes it runs now (called again as more are started). */
    void record(List<ProcessHandle> processes) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(line(ProcessHandle.current()));
        for (ProcessHandle p : processes) {
            if (p.isAlive()) {
                lines.add(line(p));
            }
        }
        Files.createDirectories(file.getParent());
        Path next = file.resolveSibling(FILE + ".next");
        Files.write(next, lines, StandardCharsets.UTF_8);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** After a clean stop there is nothing to remember. */
    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next run checks each process again
        }
    }

    /** The postmaster of an embedded PostgreSQL (it runs detached, so it is no child of ours). */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String line(ProcessHandle p) {
        return p.pid() + "\t" + p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\t"
                + p.info().command().orElse("?");
    }

    /** The process of the line, if it is still the one written down (same id, same start time). */
    static Optional<ProcessHandle> same(String line) {
        String[] f = line.split("\t");
        if (f.length < 2) {
            return Optional.empty();
        }
        long started = Long.parseLong(f[1]);
        return ProcessHandle.of(Long.parseLong(f[0])).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == started);
    }

    private static void stop(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
