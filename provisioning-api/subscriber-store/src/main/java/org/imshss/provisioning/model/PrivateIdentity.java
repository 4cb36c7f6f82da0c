package org.imshss.provisioning.model;

import java.util.List;

/**
 * A private user identity (IMPI) with the public identities it may register and its credentials.
 * {@link #toString()} never shows the credentials.
 */
public record PrivateIdentity(
        String impi,
        String subscriptionId,
        List<String> publicIdentities,
        AuthProfile auth) {

    public PrivateIdentity {
        publicIdentities = List.copyOf(publicIdentities);
    }

    /** The key of the SQN_HE this identity's AKA vectors take: its USIM's when it has one, else its own. */
    public String sequenceKey() {
        return auth != null && auth.usim() != null ? Usim.sequenceKey(auth.usim()) : impi;
    }

    public boolean hasPublicIdentity(String impu) {
        return publicIdentities.contains(impu);
    }

    @Override
    public String toString() {
        return "PrivateIdentity[impi=" + impi + ", subscriptionId=" + subscriptionId
                + ", publicIdentities=" + publicIdentities + ", auth=" + auth + "]";
    }
}
