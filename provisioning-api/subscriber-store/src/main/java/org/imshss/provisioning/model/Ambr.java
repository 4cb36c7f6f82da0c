package org.imshss.provisioning.model;

/**
 * An aggregate maximum bit rate (TS 29.272 7.3.41 AMBR): the UE-AMBR of a subscription or the APN-AMBR of an APN, in
 * bit/s. Both directions are sent, and they may not both be 0 (7.3.2).
 */
public record Ambr(long uplink, long downlink) {

    public Ambr {
        if (uplink < 0 || downlink < 0) {
            throw new IllegalArgumentException("bit rates are not negative");
        }
        if (uplink == 0 && downlink == 0) {
            throw new IllegalArgumentException("uplink and downlink may not both be 0");
        }
    }
}
