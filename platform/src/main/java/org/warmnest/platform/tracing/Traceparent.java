package org.warmnest.platform.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * A W3C trace context ({@code traceparent: 00-<trace id>-<span id>-<flags>}): the trace id names one user
 * request across every service it reaches, the span id one piece of work within it. The current one lives in
 * the logging MDC, so that every log line of the work carries it.
 */
public record Traceparent(String traceId, String spanId, String flags) {

    public static final String HEADER = "traceparent";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    static final String FLAGS = "traceFlags";

    private static final Pattern FORMAT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** A header in the version-00 format with non-zero ids, or nothing: anything else is not trusted. */
    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(header.strip());
        if (!m.matches() || zeros(m.group(1)) || zeros(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(m.group(1), m.group(2), m.group(3)));
    }

    /** The start of a new trace (sampled). */
    public static Traceparent fresh() {
        return new Traceparent(randomHex(16), randomHex(8), "01");
    }

    /** A new piece of work within the same trace. */
    public Traceparent child() {
        return new Traceparent(traceId, randomHex(8), flags);
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /** The trace of the work this thread is doing, if any. */
    public static Optional<Traceparent> current() {
        String trace = MDC.get(TRACE_ID);
        String span = MDC.get(SPAN_ID);
        if (trace == null || span == null) {
            return Optional.empty();
        }
        String flags = MDC.get(FLAGS);
        return Optional.of(new Traceparent(trace, span, flags == null ? "01" : flags));
    }

    /** Makes this the current trace of the thread; the returned scope restores what was there before. */
    public Scope open() {
        Optional<Traceparent> previous = current();
        put(this);
        return () -> previous.ifPresentOrElse(Traceparent::put, Traceparent::clear);
    }

    /** Runs background work (no request around it) as a trace of its own, so its calls to other services share it. */
    public static void inNewTrace(Runnable work) {
        try (Scope ignored = fresh().open()) {
            work.run();
        }
    }

    /** The end of a trace's scope on a thread; closing never fails. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static void put(Traceparent t) {
        MDC.put(TRACE_ID, t.traceId);
        MDC.put(SPAN_ID, t.spanId);
        MDC.put(FLAGS, t.flags);
    }

    private static void clear() {
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
        MDC.remove(FLAGS);
    }

    private static boolean zeros(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        do {
            RANDOM.nextBytes(b);
        } while (zeros(HEX.formatHex(b)));
        return HEX.formatHex(b);
    }
}
