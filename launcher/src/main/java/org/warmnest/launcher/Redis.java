package org.warmnest.launcher;

import java.io.IOException;

import redis.embedded.RedisServer;

/** The Redis the product runs on locally: the server at 127.0.0.1:6379 when it answers, else an embedded one. */
final class Redis implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int LOCAL_PORT = 6379;

    private final int port;
    private final RedisServer embedded;

    private Redis(int port, RedisServer embedded) {
        this.port = port;
        this.embedded = embedded;
    }

    static Redis localOrEmbedded() throws IOException {
        if (!Postgres.embeddedOnly() && Postgres.Net.answers(HOST, LOCAL_PORT)) {
            return new Redis(LOCAL_PORT, null);
        }
        // Nothing is kept on disk: rate-limit counters and caches may be lost on restart.
        int port = Postgres.Net.isFree(LOCAL_PORT) ? LOCAL_PORT : Postgres.Net.freePort();
        RedisServer server = RedisServer.newRedisServer().port(port).bind(HOST).setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
        return new Redis(port, server);
    }

    int port() {
        return port;
    }

    /**
     * Writes the marker that says the identity state is whole, as tenant-service does when it runs: for a stack
     * without tenant-service (a benchmark), whose services refuse every request until it is there. Kept for a day.
     */
    void markIdentityStateSynced(String prefix) throws IOException {
        String key = prefix + "tenant-status:synced";
        String value = String.valueOf(java.time.Instant.now().getEpochSecond());
        StringBuilder command = new StringBuilder("*5\r\n");
        for (String part : new String[] { "SET", key, value, "EX", "86400" }) {
            byte[] bytes = part.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            command.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
        }
        try (java.net.Socket socket = new java.net.Socket(HOST, port)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(command.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String reply = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (!"+OK".equals(reply)) {
                throw new IOException("Redis refused the identity state marker: " + reply);
            }
        }
    }

    String describe() {
        return (embedded != null ? "embedded Redis" : "local Redis") + " at " + HOST + ":" + port;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
