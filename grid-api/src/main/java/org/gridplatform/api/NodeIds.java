package org.gridplatform.api;

import java.util.regex.Pattern;

/**
 * The rule for node ids: 1 to {@value Limits#MAX_NODE_ID_LENGTH} ASCII letters, digits,
 * {@code -}, {@code _} or {@code .}. Ids compare exactly (case-sensitively).
 */
public final class NodeIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + Limits.MAX_NODE_ID_LENGTH + "}");

    private NodeIds() {
    }

    /**
     * @param id    the id as sent, may be {@code null}
     * @param field the field or parameter name, for the error message
     * @return the id, unchanged
     * @throws InvalidRequestException if the id breaks the rule
     */
    public static String validate(String id, String field) {
        if (id == null) {
            throw new InvalidRequestException("The field '" + field + "' is required: a node id such as \"Bob\"");
        }
        if (!VALID.matcher(id).matches()) {
            throw new InvalidRequestException("The " + field + " " + Quoting.quote(id) + " is not valid: use 1 to "
                    + Limits.MAX_NODE_ID_LENGTH + " letters, digits, '-', '_' or '.'");
        }
        return id;
    }
}
