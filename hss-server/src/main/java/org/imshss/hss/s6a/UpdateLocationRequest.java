package org.imshss.hss.s6a;

/**
 * A ULR (TS 29.272 7.2.3) as the procedure needs it.
 *
 * @param ratType the RAT-Type's name (TS 29.212 5.3.31), e.g. EUTRAN
 * @param ulrFlags the ULR-Flags (7.3.7)
 * @param visitedPlmn the Visited-PLMN-Id as MCC followed by MNC digits
 * @param imei the IMEI of Terminal-Information, or null
 * @param softwareVersion the Software-Version of Terminal-Information, or null
 * @param srvccSupported UE-SRVCC-Capability, or null when absent
 */
public record UpdateLocationRequest(String originHost, String originRealm, String imsi, String ratType,
        long ulrFlags, String visitedPlmn, String imei, String softwareVersion, Boolean srvccSupported) {

    /** ULR-Flags bit 0: Single-Registration-Indication. */
    public static final long SINGLE_REGISTRATION = 1L;
    /** ULR-Flags bit 1: S6a/S6d-Indicator, set by an MME (S6a), clear from an SGSN (S6d). */
    public static final long S6A = 1L << 1;
    /** ULR-Flags bit 2: Skip-Subscriber-Data. */
    public static final long SKIP_SUBSCRIBER_DATA = 1L << 2;
    /** ULR-Flags bit 5: Initial-Attach-Indicator. */
    public static final long INITIAL_ATTACH = 1L << 5;

    public boolean flag(long bit) {
        return (ulrFlags & bit) != 0;
    }
}
