package org.warmnest.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YuanTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1200000, 1200000.00",
            "1200000.5, 1200000.50",
            "0.01, 0.01",
            "1E+3, 1000.00",
            "12345678901234567.89, 12345678901234567.89",
            "300.10, 300.10" })
    void isWrittenWithExactlyTwoDecimalsAndNoExponent(String amount, String written) {
        assertThat(Yuan.format(new BigDecimal(amount))).isEqualTo(written);
    }

    @ParameterizedTest
    @ValueSource(strings = { "100.123", "0.001", "1200000.005" })
    void neverRoundsAwayAFractionOfAFen(String amount) {
        assertThatThrownBy(() -> Yuan.exact(new BigDecimal(amount))).isInstanceOf(ArithmeticException.class);
    }
}
