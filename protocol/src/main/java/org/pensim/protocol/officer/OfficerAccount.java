package org.pensim.protocol.officer;

import java.util.regex.Pattern;

/**
 * One officer who may sign in to an authority's node: a user name, the name shown beside every decision
 * the officer takes, and the Argon2 hash of the officer's password or sign-in code (never the secret).
 */
public record OfficerAccount(String username, String name, String passwordHash) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public OfficerAccount {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("officer user name '" + username
                    + "' must be 1 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("officer " + username + " needs a name (it is recorded with each decision)");
        }
        if (!PasswordHash.wellFormed(passwordHash)) {
            throw new IllegalArgumentException("officer " + username + ": passwordHash is not an Argon2 hash in PHC format;"
                    + " make one with `pensim officer hash-password`");
        }
    }
}
