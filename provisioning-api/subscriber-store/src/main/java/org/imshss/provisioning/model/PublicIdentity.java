package org.imshss.provisioning.model;

import java.util.List;

/**
 * A public identity: a public user identity (IMPU), a distinct PSI, or a wildcarded PSI/IMPU
 * (TS 23.003 13.4/13.5, TS 29.228 Annex D).
 *
 * @param identity the normalised SIP/TEL URI, or for a wildcard the wildcard string as provisioned
 *                 (e.g. {@code sip:chat-!.*!@ims.example.org})
 * @param implicitSetId the implicit registration set this identity belongs to
 * @param barred BarringIndication: usable only for registration
 * @param aliasGroupId identities sharing a service profile and an alias group are aliases (TS 23.228 4.3.3.4)
 * @param psiActivated activation state of a PSI (TS 29.328 PSIActivation); ignored for user identities
 * @param psiAsName the AS a PSI routes to directly (LIR answers it as Server-Name), or null
 * @param privateIdentities the IMPIs this identity is associated with
 * @param msisdn the E.164 number (digits only, no '+') the identity is reachable by over Sh (TS 29.328
 *               MSISDN), or null
 */
public record PublicIdentity(
        String identity,
        IdentityType type,
        String subscriptionId,
        String implicitSetId,
        String serviceProfileId,
        boolean barred,
        String displayName,
        String aliasGroupId,
        boolean psiActivated,
        String psiAsName,
        List<String> privateIdentities,
        String msisdn) {

    public PublicIdentity {
        privateIdentities = List.copyOf(privateIdentities);
    }

    /** Without an MSISDN. */
    public PublicIdentity(String identity, IdentityType type, String subscriptionId, String implicitSetId,
            String serviceProfileId, boolean barred, String displayName, String aliasGroupId, boolean psiActivated,
            String psiAsName, List<String> privateIdentities) {
        this(identity, type, subscriptionId, implicitSetId, serviceProfileId, barred, displayName, aliasGroupId,
                psiActivated, psiAsName, privateIdentities, null);
    }

    public PublicIdentity withPsiActivated(boolean activated) {
        return new PublicIdentity(identity, type, subscriptionId, implicitSetId, serviceProfileId, barred,
                displayName, aliasGroupId, activated, psiAsName, privateIdentities, msisdn);
    }

    public boolean isAssociatedWith(String impi) {
        return privateIdentities.contains(impi);
    }

    /** A PSI that is switched off behaves as unknown (TS 29.228 6.1.2.1, 6.1.4.1). */
    public boolean isInactivePsi() {
        return type.isPsi() && !psiActivated;
    }
}
