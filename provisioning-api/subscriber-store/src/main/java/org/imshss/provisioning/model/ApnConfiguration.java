package org.imshss.provisioning.model;

import java.util.List;

/**
 * One APN configuration of an EPS subscription (TS 29.272 7.3.35): an {@link ApnProfile} under the subscriber's
 * Context-Identifier, with the subscriber's static addresses for it.
 *
 * @param contextIdentifier non-zero, unique within the subscription; kept stable so that an IDR or DSR names the
 *                          same configuration the MME holds
 * @param apnProfile the id of an {@link ApnProfile}
 * @param staticAddresses at most two (one IPv4, one IPv6) Served-Party-IP-Address values, as text
 */
public record ApnConfiguration(int contextIdentifier, String apnProfile, List<String> staticAddresses) {

    public ApnConfiguration {
        if (contextIdentifier < 1) {
            throw new IllegalArgumentException("a Context-Identifier is not zero");
        }
        staticAddresses = staticAddresses == null ? List.of() : List.copyOf(staticAddresses);
        if (staticAddresses.size() > 2) {
            throw new IllegalArgumentException("at most two static addresses");
        }
    }
}
