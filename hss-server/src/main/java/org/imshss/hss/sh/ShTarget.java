package org.imshss.hss.sh;

import org.imshss.provisioning.model.PublicIdentity;

/**
 * The identity an Sh request is about, once found.
 *
 * @param identity the stored identity (a wildcarded PSI/IMPU when only its pattern matched)
 * @param key the key of its Sh data: the normalised distinct identity, or the wildcard string
 * @param requested the Public-Identity the AS sent (for an MSISDN, the identity found for it)
 * @param wildcarded the Wildcarded-Public-Identity to answer with, or null
 * @param viaMsisdn the AS addressed the user by MSISDN
 */
public record ShTarget(PublicIdentity identity, String key, String requested, String wildcarded, boolean viaMsisdn) {
}
