package org.warmnest.platform.tenancy;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;

/**
 * The tenant the current thread acts for. Set only by the request filter or by {@link #runAs}/{@link #callAs}
 * (background work, per-district loops), and always restored afterwards, so no thread keeps a tenant it
 * was not given. There is no default tenant.
 */
public final class TenantContext {

    private static final ThreadLocal<TenantCode> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static Optional<TenantCode> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static TenantCode require() {
        TenantCode code = CURRENT.get();
        if (code == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "tenant-required");
        }
        return code;
    }

    public static void runAs(TenantCode code, Runnable work) {
        callAs(code, () -> {
            work.run();
            return null;
        });
    }

    public static <T> T callAs(TenantCode code, Callable<T> work) {
        if (code == null) {
            throw new IllegalArgumentException("a tenant is required");
        }
        TenantCode previous = CURRENT.get();
        CURRENT.set(code);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static void set(TenantCode code) {
        CURRENT.set(code);
    }

    static void clear() {
        CURRENT.remove();
    }
}
