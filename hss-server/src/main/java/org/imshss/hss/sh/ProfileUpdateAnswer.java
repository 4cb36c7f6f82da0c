package org.imshss.hss.sh;

import org.imshss.diameter.ResultCode;

/**
 * What the HSS answers to a PUR (TS 29.329 6.1.4); absent parts are null.
 *
 * @param failed the RepositoryData element of a multi-element Sh-Data that could not be written: the PUA names it
 *               in Repository-Data-ID when the AS supports Update-Eff (TS 29.328 6.1.2.1)
 */
public record ProfileUpdateAnswer(ResultCode result, String wildcardedIdentity, RepositoryDataId failed) {

    /** Service-Indication and Sequence-Number of one RepositoryData element, as the PUR carried them. */
    public record RepositoryDataId(String serviceIndication, int sequenceNumber) {
    }

    static ProfileUpdateAnswer of(ResultCode result) {
        return new ProfileUpdateAnswer(result, null, null);
    }
}
