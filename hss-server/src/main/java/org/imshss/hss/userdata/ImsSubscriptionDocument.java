package org.imshss.hss.userdata;

import java.util.List;

/**
 * The content of one Cx User-Data IMSSubscription document (TS 29.228 Annex B.1, TS 29.229 6.3.6):
 * the private identity and one section per service profile of the implicit registration set.
 *
 * @param privateId the PrivateID element; for a PSI provisioned without IMPI the assembler derives it
 *                  from the first public identity (see {@link UserDataAssembler})
 */
public record ImsSubscriptionDocument(String privateId, List<ProfileSection> sections) {

    public ImsSubscriptionDocument {
        sections = List.copyOf(sections);
    }
}
