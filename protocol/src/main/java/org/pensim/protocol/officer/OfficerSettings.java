package org.pensim.protocol.officer;

import java.util.List;

/** The officers section of a node's configuration: who may sign in, and the session rules. */
public record OfficerSettings(List<OfficerAccount> accounts, SignInPolicy signIn) {

    public OfficerSettings {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        signIn = signIn == null ? SignInPolicy.defaults() : signIn;
    }
}
