package org.gridplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagQueryTest {

    @Test
    void tagsCompareCaseInsensitivelyWithOptionalHash() {
        assertThat(Tags.normalise("#MNIST")).isEqualTo("mnist");
        assertThat(Tags.normalise("  #Boston-Housing ")).isEqualTo("boston-housing");
        assertThat(Tags.normalise("iris")).isEqualTo("iris");
        assertThat(Tags.normalise("# spaced")).isEqualTo("spaced");
        // NFKC: a full-width letter is the same tag as its ASCII form.
        assertThat(Tags.normalise("#\uFF29RIS")).isEqualTo("iris");
    }

    @Test
    void everyTagMustBeCarried() {
        TagQuery query = TagQuery.of(List.of("#MNIST", "digits"));
        assertThat(query.matches(List.of("#mnist", "#Digits", "#images"))).isTrue();
        assertThat(query.matches(List.of("#mnist"))).isFalse();
        assertThat(query.matches(List.of())).isFalse();
    }

    @Test
    void duplicateTagsCollapse() {
        assertThat(TagQuery.of(List.of("#Iris", "iris", "#IRIS")).tags()).containsExactly("iris");
        assertThat(TagQuery.of(List.of("b", "#a")).displayTags()).containsExactly("#a", "#b");
    }

    @Test
    void rejectsMissingAndEmptyQueries() {
        assertThatThrownBy(() -> TagQuery.of(null)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("The field 'query' is required: send {\"query\": [\"#tag\", ...]}");
        assertThatThrownBy(() -> TagQuery.of(List.of())).isInstanceOf(InvalidRequestException.class)
                .hasMessage("The field 'query' is empty; name at least one tag, such as [\"#iris\"]");
    }

    @Test
    void rejectsMoreThan32Tags() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            tags.add("#t" + i);
        }
        assertThat(TagQuery.of(tags.subList(0, 32)).tags()).hasSize(32);
        assertThatThrownBy(() -> TagQuery.of(tags)).hasMessage("The field 'query' has 33 tags; at most 32 are allowed");
    }

    @Test
    void rejectsBadTags() {
        String tooLong = "#" + "x".repeat(129);
        assertThat(TagQuery.of(List.of("#" + "x".repeat(128))).tags()).hasSize(1);
        assertThatThrownBy(() -> TagQuery.of(List.of("ok", tooLong)))
                .hasMessage("query[1] is 129 characters long; a tag may have at most 128");
        assertThatThrownBy(() -> TagQuery.of(List.of("#")))
                .hasMessage("query[0] is blank; a tag needs at least one character after the optional '#'");
        assertThatThrownBy(() -> TagQuery.of(Collections.singletonList(null)))
                .hasMessage("query[0] is null; every tag must be a string such as \"#iris\"");
        assertThatThrownBy(() -> TagQuery.of(Arrays.asList("a\u0000b")))
                .hasMessage("query[0] contains control characters; use printable text only");
    }
}
