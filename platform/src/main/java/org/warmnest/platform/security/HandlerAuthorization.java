package org.warmnest.platform.security;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;

/**
 * The {@link PreAuthorize} rule of a handler method (its own, else its controller's), judged with the same
 * expression handler as method security, but without the method's arguments: so it can be asked before the
 * request body is read and validated. A rule that refers to arguments ({@code #id}) cannot be judged then and
 * is left to method security, which checks every rule again when the method is called.
 */
public class HandlerAuthorization {

    /** What the rule says about a caller before the arguments exist. */
    public enum Verdict {
        ADMITTED,
        DENIED,
        /** The rule needs the arguments (or failed to evaluate): method security decides. */
        DEFERRED,
        /** No rule at all. */
        UNGUARDED
    }

    private record Rule(String source, Expression expression, boolean needsArguments) {
    }

    private static final Rule NONE = new Rule(null, null, false);

    private final MethodSecurityExpressionHandler expressions;
    private final Map<Method, Rule> rules = new ConcurrentHashMap<>();

    public HandlerAuthorization(MethodSecurityExpressionHandler expressions) {
        this.expressions = expressions;
    }

    /** The expression guarding the handler, if any. */
    public Optional<String> expressionOf(HandlerMethod handler) {
        return Optional.ofNullable(rule(handler).source());
    }

    public Verdict decide(HandlerMethod handler, Supplier<? extends Authentication> caller) {
        Rule rule = rule(handler);
        if (rule == NONE) {
            return Verdict.UNGUARDED;
        }
        if (rule.needsArguments() || caller.get() == null) {
            return Verdict.DEFERRED;
        }
        Method method = handler.getMethod();
        EvaluationContext context = expressions.createEvaluationContext(caller,
                new SimpleMethodInvocation(null, method, new Object[method.getParameterCount()]));
        try {
            return Boolean.TRUE.equals(rule.expression().getValue(context, Boolean.class)) ? Verdict.ADMITTED
                    : Verdict.DENIED;
        } catch (EvaluationException | IllegalArgumentException e) {
            return Verdict.DEFERRED;
        }
    }

    /**
     * The roles whose holders the rule admits, each judged alone (a caller with that one role); empty when
     * there is no rule or it needs the arguments. Tests hold every endpoint to its role matrix with it.
     */
    public Optional<Set<String>> admittedRoles(HandlerMethod handler) {
        Set<String> admitted = new TreeSet<>();
        for (String role : Roles.ALL) {
            Verdict verdict = decide(handler,
                    () -> UsernamePasswordAuthenticationToken.authenticated("role-probe", null,
                            List.of(new SimpleGrantedAuthority("ROLE_" + role))));
            if (verdict == Verdict.UNGUARDED || verdict == Verdict.DEFERRED) {
                return Optional.empty();
            }
            if (verdict == Verdict.ADMITTED) {
                admitted.add(role);
            }
        }
        return Optional.of(admitted);
    }

    private Rule rule(HandlerMethod handler) {
        return rules.computeIfAbsent(handler.getMethod(), method -> {
            PreAuthorize annotation = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
            if (annotation == null) {
                annotation = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
            }
            if (annotation == null) {
                return NONE;
            }
            Expression expression = expressions.getExpressionParser().parseExpression(annotation.value());
            return new Rule(annotation.value(), expression, refersToVariables(expression));
        });
    }

    /** Any {@code #name} but {@code #this} and {@code #root}: a method argument, unknown before binding. */
    private static boolean refersToVariables(Expression expression) {
        return !(expression instanceof SpelExpression spel) || refersToVariables(spel.getAST());
    }

    private static boolean refersToVariables(SpelNode node) {
        if (node instanceof VariableReference) {
            String name = node.toStringAST();
            if (!name.equals("#this") && !name.equals("#root")) {
                return true;
            }
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            if (refersToVariables(node.getChild(i))) {
                return true;
            }
        }
        return false;
    }
}
