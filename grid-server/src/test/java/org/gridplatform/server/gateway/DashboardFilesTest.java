package org.gridplatform.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files keep to its Content-Security-Policy (no inline script or style, nothing
 * from elsewhere) and never turn text from nodes into markup.
 */
class DashboardFilesTest {

    private static String file(String name) throws IOException {
        try (InputStream in = DashboardResource.class.getResourceAsStream("dashboard/" + name)) {
            assertThat(in).as("dashboard/" + name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyWhitelistedFileIsInTheJar() throws IOException {
        for (String name : List.of("index.html", "dashboard.js", "dashboard.css", "favicon.svg")) {
            assertThat(file(name)).as(name).isNotBlank();
        }
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndLoadsNothingFromElsewhere() throws IOException {
        String page = file("index.html");
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("a script loads a file").contains("src=\"/dashboard/");
            assertThat(scripts.group(2)).as("a script has no inline code").isBlank();
        }
        assertThat(count).isEqualTo(1);
        assertThat(page).doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContain("<style").doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
    }

    @Test
    void theScriptNeverParsesDataAsMarkup() throws IOException {
        String script = file("dashboard.js");
        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "setAttribute(\"style\"", ".style.");
        assertThat(script).doesNotContainPattern("(?i)https?://(?!www\\.w3\\.org/2000/svg)");
    }
}
