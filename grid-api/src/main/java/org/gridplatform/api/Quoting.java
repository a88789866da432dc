package org.gridplatform.api;

/** Quotes a client's value for an error message: shortened, with control characters escaped. */
final class Quoting {

    private static final int MAX_SHOWN = 80;

    private Quoting() {
    }

    /**
     * @param value any text a client sent
     * @return the text in double quotes, at most {@value #MAX_SHOWN} characters of it, with
     *         control characters and quotes escaped so it cannot forge log lines or headers
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < value.length() && shown < MAX_SHOWN; i++, shown++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > MAX_SHOWN) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
