package org.warmnest.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a launcher killed outright left running is stopped by the next one; nothing else is. */
class LeftoversTest {

    @TempDir
    Path run;

    final List<Process> started = new ArrayList<>();
    final ByteArrayOutputStream said = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
    }

    Process sleeper() throws Exception {
        Process p = new ProcessBuilder("sleep", "300").start();
        started.add(p);
        return p;
    }

    static String line(ProcessHandle p, long startedAt) {
        return p.pid() + "\t" + startedAt + "\t" + p.info().command().orElse("?");
    }

    static long startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
    }

    @Test
    void whatADeadLauncherLeftIsStoppedAndForgotten() throws Exception {
        Process deadLauncher = sleeper();
        Process leftover = sleeper();
        long launcherStart = startOf(deadLauncher.toHandle());
        deadLauncher.destroyForcibly().waitFor();
        Files.write(run.resolve(Leftovers.FILE), List.of(line(deadLauncher.toHandle(), launcherStart),
                line(leftover.toHandle(), startOf(leftover.toHandle()))));

        new Leftovers(run).reap(out);

        assertThat(leftover.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("stopping 1 process(es)",
                String.valueOf(leftover.pid()));
        assertThat(run.resolve(Leftovers.FILE)).doesNotExist();
    }

    @Test
    void aProcessWhoseIdWasReusedIsLeftAlone() throws Exception {
        Process stranger = sleeper();
        long otherStart = startOf(stranger.toHandle()) - 60_000; // the id, but another start: not ours
        Files.write(run.resolve(Leftovers.FILE), List.of("999999999\t1\t?", line(stranger.toHandle(), otherStart)));

        new Leftovers(run).reap(out);

        assertThat(stranger.isAlive()).isTrue();
        assertThat(said.toString(StandardCharsets.UTF_8)).doesNotContain("stopping");
    }

    @Test
    void aLauncherStillRunningIsNeverTouchedAndTheNewOneRefusesToStart() throws Exception {
        Process runningLauncher = sleeper();
        Process itsService = sleeper();
        Files.write(run.resolve(Leftovers.FILE), List.of(line(runningLauncher.toHandle(),
                startOf(runningLauncher.toHandle())), line(itsService.toHandle(), startOf(itsService.toHandle()))));

        assertThatThrownBy(() -> new Leftovers(run).reap(out)).hasMessageContaining("another launcher is running")
                .hasMessageContaining(String.valueOf(runningLauncher.pid()));
        assertThat(itsService.isAlive()).isTrue();
        assertThat(run.resolve(Leftovers.FILE)).exists();
    }

    @Test
    void aLauncherWritesItselfFirstThenWhatItRuns() throws Exception {
        Process service = sleeper();
        Leftovers leftovers = new Leftovers(run);
        leftovers.record(List.of(service.toHandle()));

        List<String> lines = Files.readAllLines(run.resolve(Leftovers.FILE));
        assertThat(lines).hasSize(2);
        assertThat(Leftovers.same(lines.get(0))).contains(ProcessHandle.current());
        assertThat(Leftovers.same(lines.get(1))).contains(service.toHandle());
        leftovers.clear();
        assertThat(run.resolve(Leftovers.FILE)).doesNotExist();
    }
}
