package org.warmnest.tenant.contractor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A unified social credit code with a correct check character; null is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = ValidUscc.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidUscc {

    String message() default "{ValidUscc}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidUscc, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Uscc.isValid(value);
        }
    }
}
