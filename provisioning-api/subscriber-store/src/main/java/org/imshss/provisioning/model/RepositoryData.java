package org.imshss.provisioning.model;

import java.io.Serializable;

/**
 * Transparent data an AS keeps in the HSS for one identity and one Service-Indication (TS 29.328 7.6.1,
 * Sh-Data RepositoryData).
 *
 * @param identity the public identity key (normalised distinct identity, or the wildcard string)
 * @param sequenceNumber 0..65535, as the AS last sent it
 * @param serviceData the content of the ServiceData element as received (XML text)
 * @param updatedBy the Diameter identity of the AS that wrote this version
 */
public record RepositoryData(
        String identity,
        String serviceIndication,
        int sequenceNumber,
        String serviceData,
        String updatedBy) implements Serializable {
}
