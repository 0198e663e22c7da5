package org.warmnest.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocaleSupportTest {

    @ParameterizedTest(name = "Accept-Language \"{0}\" → {1}")
    @CsvSource(value = {
            "NULL | zh-CN",
            "'' | zh-CN",
            "en | en",
            "en-US,en;q=0.9 | en",
            "zh-CN,zh;q=0.9,en;q=0.8 | zh-CN",
            "zh-TW | zh-CN",
            "fr-FR,en;q=0.5 | en",
            "de | zh-CN",
            ";;;garbage | zh-CN" }, delimiter = '|', nullValues = "NULL")
    void resolvesTheLanguage(String header, String expected) {
        assertThat(LocaleSupport.resolve(header)).isEqualTo(Locale.forLanguageTag(expected));
    }
}
