package org.warmnest.gateway.problem;

/** Carries a {@link Problem} through a reactive pipeline to {@link ProblemErrorHandler}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.code(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
