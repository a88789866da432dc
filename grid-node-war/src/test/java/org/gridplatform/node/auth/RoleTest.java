package org.gridplatform.node.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void readsTheRoleNamesInAnyCase() {
        assertThat(Role.of("owner")).isEqualTo(Role.OWNER);
        assertThat(Role.of(" Scientist ")).isEqualTo(Role.SCIENTIST);
        assertThat(Role.of("OWNER")).isEqualTo(Role.OWNER);
    }

    @Test
    void refusesLookAlikesThatCaseFoldingWouldTakeForARole() {
        for (String name : new String[] {"sc\u0131entist", "\u017Fcientist", "SC\u0130ENTIST", "own\u0435r", "\uFF4Fwner", "owner\u0000"}) {
            assertThatThrownBy(() -> Role.of(name)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("; write \"owner\" or \"scientist\"");
        }
    }
}
