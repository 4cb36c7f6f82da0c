package org.imshss.provisioning.model;

/** Charging function addresses (TS 29.229 6.3.19): DiameterURIs, any may be null. */
public record ChargingInformation(
        String id,
        String primaryEventChargingFunctionName,
        String secondaryEventChargingFunctionName,
        String primaryChargingCollectionFunctionName,
        String secondaryChargingCollectionFunctionName) {
}
