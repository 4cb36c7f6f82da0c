package org.imshss.provisioning.model;

/**
 * One initial filter criterion (TS 29.228 Annex B.2.2).
 *
 * @param priority lower values are evaluated first; unique within a profile
 * @param triggerPoint null = unconditional
 * @param profilePartIndicator 0 REGISTERED, 1 UNREGISTERED, null = both
 */
public record InitialFilterCriteria(
        String id,
        int priority,
        TriggerPoint triggerPoint,
        ApplicationServer applicationServer,
        Integer profilePartIndicator) {

    public static final int PROFILE_PART_REGISTERED = 0;
    public static final int PROFILE_PART_UNREGISTERED = 1;

    /** Whether this criterion applies while the user is not registered. */
    public boolean appliesUnregistered() {
        return profilePartIndicator == null || profilePartIndicator == PROFILE_PART_UNREGISTERED;
    }
}
