package org.imshss.provisioning.model;

import java.util.List;

/**
 * A Dynamic Service Activation Info tag (TS 29.328 7.6.11): the iFCs it switches on and off.
 * An AS may read, change and watch a tag only when one of these iFCs points at it (ApplicationServer/ServerName)
 * and belongs to the service profile of the identity concerned.
 *
 * @param tag the DSAI-Tag as the AS sends it
 * @param ifcIds ids of the {@link InitialFilterCriteria} the tag governs
 */
public record Dsai(String tag, List<String> ifcIds) {

    public Dsai {
        ifcIds = List.copyOf(ifcIds);
    }
}
