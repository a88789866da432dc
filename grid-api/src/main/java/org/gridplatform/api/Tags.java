package org.gridplatform.api;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How Grid compares dataset tags: case-insensitively, with the leading {@code #} optional.
 *
 * <p>{@code "#MNIST"}, {@code "mnist"} and {@code " #Mnist "} are the same tag; its
 * {@linkplain #normalise(String) normal form} is {@code "mnist"} and its
 * {@linkplain #display(String) display form} is {@code "#mnist"}. Unicode text is put in NFKC
 * form first, so that look-alike compositions of the same letters compare equal.
 */
public final class Tags {

    private Tags() {
    }

    /**
     * The normal form of a tag: NFKC, trimmed, without one leading {@code #}, lower case.
     *
     * @param tag a tag as a person wrote it, never {@code null}
     * @return the normal form; empty if the tag was blank or only {@code #}
     */
    public static String normalise(String tag) {
        String text = Normalizer.normalize(tag, Normalizer.Form.NFKC).strip();
        if (text.startsWith("#")) {
            text = text.substring(1).strip();
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * @param normalTag a tag in normal form
     * @return the tag as Grid shows it: {@code #} followed by the normal form
     */
    public static String display(String normalTag) {
        return "#" + normalTag;
    }

    /**
     * Checks one tag of a query or of a dataset's metadata and returns its normal form.
     *
     * @param tag   the tag as sent, may be {@code null}
     * @param where where the tag came from, for the error message, such as {@code query[2]}
     * @return the normal form
     * @throws InvalidRequestException if the tag is missing, blank, too long or holds control characters
     */
    public static String validate(String tag, String where) {
        if (tag == null) {
            throw new InvalidRequestException(where + " is null; every tag must be a string such as \"#iris\"");
        }
        String normal = normalise(tag);
        if (normal.isEmpty()) {
            throw new InvalidRequestException(where + " is blank; a tag needs at least one character after the optional '#'");
        }
        if (normal.length() > Limits.MAX_TAG_LENGTH) {
            throw new InvalidRequestException(where + " is " + normal.length() + " characters long; a tag may have at most "
                    + Limits.MAX_TAG_LENGTH);
        }
        if (normal.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(where + " contains control characters; use printable text only");
        }
        return normal;
    }

    /**
     * Normalises a collection of valid tags, dropping duplicates and keeping the first order.
     *
     * @param tags tags in any form, none {@code null}
     * @return their normal forms
     */
    public static Set<String> normaliseAll(Collection<String> tags) {
        Set<String> normal = new LinkedHashSet<>();
        for (String tag : tags) {
            normal.add(normalise(tag));
        }
        return normal;
    }
}
