package org.warmnest.care.elder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentIdTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // the worked example of GB 11643-1999 and numbers whose check is X, 0 and 1
            "11010519491231002X, 1949-12-31, FEMALE, 76",
            "440524188001010014, 1880-01-01, MALE, invalid-birth",
            "530402194001010013, 1940-01-01, MALE, 86",
    })
    void derivesBirthDateSexAndAge(String number, LocalDate birth, ResidentId.Sex sex, String age) {
        if (age.equals("invalid-birth")) {
            assertThatThrownBy(() -> ResidentId.parse(number, TODAY)).isInstanceOf(ResidentId.Invalid.class)
                    .hasMessage("id-number-birth-date");
            return;
        }
        ResidentId id = ResidentId.parse(number, TODAY);
        assertThat(id.birthDate()).isEqualTo(birth);
        assertThat(id.sex()).isEqualTo(sex);
        assertThat(id.ageOn(TODAY)).isEqualTo(Integer.parseInt(age));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "11010519491231002X, X", "530402194001010013, 3", "11010519491231002, ''",
    })
    void computesTheCheckCharacter(String number, String check) {
        if (check.isEmpty()) {
            assertThat(ResidentId.checkCharacter(number)).isEqualTo('X');
            return;
        }
        assertThat(String.valueOf(ResidentId.checkCharacter(number.substring(0, 17)))).isEqualTo(check);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "11010519491231002Y, id-number-format",
            "1101051949123100, id-number-format",
            "011010519491231002X, id-number-format",
            "01010519491231002X, id-number-format",
            "99010519491231002X, id-number-format",
            "110105194912310021, id-number-check",
            "110105194902300020, id-number-birth-date",
            "110105203001010020, id-number-birth-date",
    })
    void refusesWithTheReason(String number, String code) {
        assertThatThrownBy(() -> ResidentId.parse(number, TODAY)).isInstanceOf(ResidentId.Invalid.class)
                .hasMessage(code);
    }

    @ParameterizedTest
    @CsvSource({ "'11010519491231002x', 11010519491231002X", "' 110105 19491231 002X ', 11010519491231002X",
            "'１１０１０５１９４９１２３１００２ｘ', 11010519491231002X", "'', ''" })
    /** Full-width digits come from Chinese input methods. */
    void acceptsWhatPeopleType(String typed, String expected) {
        if (expected.isEmpty()) {
            assertThatThrownBy(() -> ResidentId.parse(typed, TODAY)).isInstanceOf(ResidentId.Invalid.class);
            return;
        }
        assertThat(ResidentId.parse(typed, TODAY).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "11010519491231002X, **************002X", "530402194105175314, **************5314" })
    void masksAllButTheLastFour(String number, String masked) {
        ResidentId id = ResidentId.parse(number, TODAY);
        assertThat(id.masked()).isEqualTo(masked);
        assertThat(id.toString()).isEqualTo(masked);
    }
}
