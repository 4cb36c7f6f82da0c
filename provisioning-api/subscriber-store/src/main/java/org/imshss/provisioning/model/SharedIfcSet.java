package org.imshss.provisioning.model;

import java.util.List;

/** A shared iFC set (TS 29.228 Annex B, SiFC feature): the S-CSCF holds its iFCs; User-Data names only the id. */
public record SharedIfcSet(int id, String name, List<String> ifcIds) {

    public SharedIfcSet {
        ifcIds = List.copyOf(ifcIds);
    }
}
