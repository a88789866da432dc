package org.gridplatform.node.auth;

import java.util.Locale;

/**
 * What a node's user may do. Roles are cumulative: an owner may do everything a scientist may, and
 * both everything an anonymous caller may (docs/security.md has the table of endpoints and roles).
 */
public enum Role {
    /** Searches, runs training and evaluation steps, reads every dataset's metadata. */
    SCIENTIST,
    /** Manages the node's datasets and users, and may do all a scientist may. */
    OWNER;

    /** The role names as written in JSON, tokens and {@code @RolesAllowed}. */
    public static final String SCIENTIST_NAME = "scientist";
    /** @see #SCIENTIST_NAME */
    public static final String OWNER_NAME = "owner";

    /** @return the role's name in JSON and tokens: {@code owner} or {@code scientist} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether a user with this role may do what {@code needed} may */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /**
     * @param name a role's name, any case of its ASCII letters
     * @return the role
     * @throws IllegalArgumentException naming the roles that exist
     */
    public static Role of(String name) {
        if (name != null) {
            // Not equalsIgnoreCase: it folds look-alikes such as the dotless '\u0131' and the long '\u017f' onto 'i' and 's'.
            String lower = name.strip().toLowerCase(Locale.ROOT);
            for (Role role : values()) {
                if (role.wireName().equals(lower)) {
                    return role;
                }
            }
        }
        return unknown(name);
    }

    private static Role unknown(String name) {
        throw new IllegalArgumentException("\"role\" is " + (name == null ? "missing" : "\"" + shorten(name) + "\"")
                + "; write \"owner\" or \"scientist\"");
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
