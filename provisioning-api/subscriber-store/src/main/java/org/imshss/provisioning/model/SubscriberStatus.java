package org.imshss.provisioning.model;

/** Subscriber-Status of an EPS subscription (TS 29.272 7.3.29), named as the dictionary names the values. */
public enum SubscriberStatus {
    SERVICE_GRANTED,
    OPERATOR_DETERMINED_BARRING
}
