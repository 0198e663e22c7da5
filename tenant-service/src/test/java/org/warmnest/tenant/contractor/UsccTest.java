package org.warmnest.tenant.contractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.warmnest.tenant.contractor.Uscc.Defect;

class UsccTest {

    /** Published codes (the first is GB 32100-2015's own example) and social organisations of the demo cities. */
    static final String[] VALID = {
            "91350100M000100Y43", // the standard's example
            "91440300708461136T", // an enterprise in 深圳
            "12100000400000624D", // a public institution (事业单位)
            "52530402MJ0000001T", // 民办非企业单位 in 红塔区
            "53530423MJ0000003B", // foundation in 通海县
            "51530424MJ00000043", // social group in 华宁县, numeric check character
            "52530427MJ000000AX", // letter in the organisation code
            "52530402MJ00000220", // Σ mod 31 = 0: check value 31 becomes 0
    };

    @ParameterizedTest(name = "{0} is valid")
    @MethodSource("valid")
    void validCodes(String code) {
        assertThat(Uscc.defect(code)).isEmpty();
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(new Uscc(code).value()).isEqualTo(code);
    }

    static Stream<String> valid() {
        return Stream.of(VALID);
    }

    /** Every other character of the alphabet in the check position is refused, for every valid code. */
    @ParameterizedTest(name = "{0} has a wrong check character")
    @MethodSource("wrongCheckCharacters")
    void everyWrongCheckCharacterIsRefused(String code) {
        assertThat(Uscc.defect(code)).contains(Defect.WRONG_CHECK_CHARACTER);
    }

    static Stream<String> wrongCheckCharacters() {
        return Stream.of(VALID).flatMap(code -> Uscc.ALPHABET.chars().filter(c -> c != code.charAt(17))
                .mapToObj(c -> code.substring(0, 17) + (char) c));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalid")
    void invalidCodes(String code, Defect expected) {
        assertThat(Uscc.defect(code)).contains(expected);
        assertThat(Uscc.isValid(code)).isFalse();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(null, Defect.MISSING),
                Arguments.of("", Defect.MISSING),
                Arguments.of("52530402MJ0000001", Defect.WRONG_LENGTH), // 17: check character missing
                Arguments.of("52530402MJ0000001TT", Defect.WRONG_LENGTH), // 19
                Arguments.of("5253040", Defect.WRONG_LENGTH),
                Arguments.of(" 52530402MJ0000001T", Defect.WRONG_LENGTH), // padded
                Arguments.of("52530402mj0000001T", Defect.FORBIDDEN_CHARACTER), // lowercase
                Arguments.of("91350100m000100y43", Defect.FORBIDDEN_CHARACTER), // lowercase
                Arguments.of("52530402MI0000001T", Defect.FORBIDDEN_CHARACTER), // I
                Arguments.of("52530402MO0000001T", Defect.FORBIDDEN_CHARACTER), // O
                Arguments.of("52530402MZ0000001T", Defect.FORBIDDEN_CHARACTER), // Z
                Arguments.of("52530402MS0000001T", Defect.FORBIDDEN_CHARACTER), // S
                Arguments.of("52530402MV0000001T", Defect.FORBIDDEN_CHARACTER), // V
                Arguments.of("52530402MJ0000001I", Defect.FORBIDDEN_CHARACTER), // forbidden as check character
                Arguments.of("52530402MJ000000-T", Defect.FORBIDDEN_CHARACTER),
                Arguments.of("５2530402MJ0000001T", Defect.FORBIDDEN_CHARACTER), // full-width digit
                Arguments.of("52530402MJ0000002T", Defect.WRONG_CHECK_CHARACTER), // one body character changed
                Arguments.of("25530402MJ0000001T", Defect.WRONG_CHECK_CHARACTER)); // two characters swapped
    }

    @ParameterizedTest
    @ValueSource(strings = { "I", "O", "Z", "S", "V" })
    void theAlphabetHasNoLettersThatLookLikeDigits(String letter) {
        assertThat(Uscc.ALPHABET).hasSize(31).doesNotContain(letter);
    }

    @Test
    void theRecordRefusesAnInvalidCode() {
        assertThatThrownBy(() -> new Uscc("52530402MJ0000001A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Uscc(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weightsAreThePowersOfThreeModulo31() {
        int w = 1;
        for (int weight : Uscc.WEIGHTS) {
            assertThat(weight).isEqualTo(w);
            w = w * 3 % 31;
        }
    }
}
