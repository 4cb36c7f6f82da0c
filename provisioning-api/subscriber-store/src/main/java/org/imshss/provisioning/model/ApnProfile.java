package org.imshss.provisioning.model;

/**
 * An APN profile (TS 29.272 7.3.35 APN-Configuration without the per-subscriber parts): provisioned once and
 * referred to by the APN configurations of many EPS subscriptions, like a service profile. A change reaches the
 * MMEs serving those subscribers by IDR.
 *
 * @param id the profile's id in the API
 * @param serviceSelection the APN Network Identifier (TS 23.003 9.1), or "*" for the wildcard APN
 * @param qci QoS-Class-Identifier of the default bearer (TS 23.203 6.1.7)
 * @param priorityLevel ARP priority level, 1 (highest) to 15 (TS 29.212 5.3.45)
 * @param preemptionCapable whether bearers of this APN may pre-empt others (Pre-emption-Capability ENABLED)
 * @param preemptionVulnerable whether they may be pre-empted (Pre-emption-Vulnerability ENABLED)
 * @param ambr the APN-AMBR, or null
 * @param vplmnDynamicAddressAllowed whether a PDN GW of the visited network may be used (7.3.38)
 * @param chargingCharacteristics 3GPP-Charging-Characteristics for this APN (4 hex digits, TS 32.298), or null
 */
public record ApnProfile(
        String id,
        String serviceSelection,
        PdnType pdnType,
        int qci,
        int priorityLevel,
        boolean preemptionCapable,
        boolean preemptionVulnerable,
        Ambr ambr,
        boolean vplmnDynamicAddressAllowed,
        String chargingCharacteristics) {

    public ApnProfile {
        if (id == null || id.isEmpty() || serviceSelection == null || serviceSelection.isEmpty()) {
            throw new IllegalArgumentException("an APN profile needs an id and a service selection");
        }
        if (pdnType == null) {
            throw new IllegalArgumentException("an APN profile needs a PDN type");
        }
        if (priorityLevel < 1 || priorityLevel > 15) {
            throw new IllegalArgumentException("the ARP priority level is 1..15");
        }
    }
}
