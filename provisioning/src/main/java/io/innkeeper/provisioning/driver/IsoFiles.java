package io.innkeeper.provisioning.driver;

import java.util.regex.Pattern;

/**
 * What an ISO's file on a node may be called: a plain file name (no directory, so it stays in the node's image
 * directory) of letters, digits, dots, dashes and underscores, ending in {@code .iso}, at most 200 characters.
 */
public final class IsoFiles {

    public static final int MAX_NAME = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.iso");

    private IsoFiles() {
    }

    public static boolean validName(String name) {
        return name != null && name.length() <= MAX_NAME && NAME.matcher(name).matches() && !name.contains("..");
    }
}
