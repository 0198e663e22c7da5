package org.warmnest.launcher;

import java.io.IOException;

import redis.embedded.RedisServer;

/**
 * The Redis the product runs on locally: always one of the launcher's own, on 127.0.0.1 only and with a password
 * ({@code requirepass}), never the machine's shared Redis (which a launcher could not give a password without
 * locking out its other users). Port 6379 when free, else any free port.
 */
final class Redis implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int LOCAL_PORT = 6379;

    private final int port;
    private final String password;
    private final RedisServer server;

    private Redis(int port, String password, RedisServer server) {
        this.port = port;
        this.password = password;
        this.server = server;
    }

    /** Starts a Redis that answers only to {@code password}. */
    static Redis start(String password) throws IOException {
        if (password == null || password.isBlank() || !password.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a Redis password of letters, digits, '-' and '_' is needed");
        }
        // Nothing is kept on disk: rate-limit counters and caches may be lost on restart (tenant-service writes
        // the tenant and revocation state again).
        int port = Postgres.Net.isFree(LOCAL_PORT) ? LOCAL_PORT : Postgres.Net.freePort();
        RedisServer server = RedisServer.newRedisServer().port(port).bind(HOST).setting("save \"\"")
                .setting("appendonly no").setting("protected-mode yes").setting("requirepass " + password).build();
        server.start();
        return new Redis(port, password, server);
    }

    /** With a password of its own run (the benchmarks and the test stack keep none). */
    static Redis start() throws IOException {
        return start(LocalSecrets.random(24));
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    /**
     * Writes the marker that says the identity state is whole, as tenant-service does when it runs: for a stack
     * without tenant-service (a benchmark), whose services refuse every request until it is there. Kept for a day.
     */
    void markIdentityStateSynced(String prefix) throws IOException {
        String key = prefix + "tenant-status:synced";
        String value = String.valueOf(java.time.Instant.now().getEpochSecond());
        try (java.net.Socket socket = new java.net.Socket(HOST, port)) {
            socket.setSoTimeout(2000);
            java.io.BufferedReader replies = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            for (String[] command : new String[][] { { "AUTH", password }, { "SET", key, value, "EX", "86400" } }) {
                StringBuilder out = new StringBuilder("*").append(command.length).append("\r\n");
                for (String part : command) {
                    byte[] bytes = part.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
                }
                socket.getOutputStream().write(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String reply = replies.readLine();
                if (!"+OK".equals(reply)) {
                    throw new IOException("Redis refused " + command[0] + " of the identity state marker: " + reply);
                }
            }
        }
    }

    String describe() {
        return "Redis of its own at " + HOST + ":" + port + " (with a password)";
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
