package dev.scaffold.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StarterBlueprintTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "shop                 | shop",
        "My Shop_API!         | my-shop-api",
        "2024 launch          | launch",
        "web--app..v2         | web-app-v2",
        "x                    | app",
        "---                  | app",
        "Café Ünïcode         | cafe-unicode",
        "a-very-long-directory-name-that-goes-on | a-very-long-directory-name-that",
        "abcdefghijklmnopqrstuvwxyz-abcde-fg     | abcdefghijklmnopqrstuvwxyz-abcd"
    })
    void stackNamesAreMadeValidFromDirectoryNames(String directory, String stackName) {
        String made = StarterBlueprint.stackNameFrom(directory);

        assertThat(made).isEqualTo(stackName);
        assertThat(StarterBlueprint.isStackName(made)).isTrue();
    }

    @Test
    void webAppIsTheDefaultAndMinimalIsListed() {
        StarterBlueprint starters = new StarterBlueprint();

        assertThat(starters.defaultTemplate()).isEqualTo("web-app");
        assertThat(starters.templates()).containsOnlyKeys("web-app", "minimal");
    }

    @Test
    void renderingLeavesBlueprintInterpolationUntouched() {
        String text = new StarterBlueprint().render("web-app", new StarterBlueprint.Values("shop", "us-east-1"))
                .orElseThrow();

        assertThat(text).contains("instanceType: ${var.instanceType}", "DB_HOST: ${databases.main.endpoint}");
    }

    @Test
    void anUnknownTemplateRendersNothing() {
        assertThat(new StarterBlueprint().render("../web-app", new StarterBlueprint.Values("shop", "us-east-1")))
                .isEmpty();
    }
}
