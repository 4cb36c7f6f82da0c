package org.imshss.provisioning.model;

/**
 * PDN-Type of an APN configuration (TS 29.272 7.3.62), named as the dictionary names the values.
 * IPv4_OR_IPv6 exists only in a subscription, never in a UE's request.
 */
public enum PdnType {
    IPv4,
    IPv6,
    IPv4v6,
    IPv4_OR_IPv6
}
