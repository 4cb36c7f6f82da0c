package org.imshss.provisioning.model;

/** Network-Access-Mode of an EPS subscription (TS 29.272 7.3.21), named as the dictionary names the values. */
public enum NetworkAccessMode {
    PACKET_AND_CIRCUIT,
    ONLY_PACKET
}
