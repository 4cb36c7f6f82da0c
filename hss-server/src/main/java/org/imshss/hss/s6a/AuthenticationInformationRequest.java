package org.imshss.hss.s6a;

/**
 * A decoded AIR (TS 29.272 7.2.5).
 *
 * @param imsi User-Name: the IMSI
 * @param visitedPlmnId Visited-PLMN-Id, as received (3 octets when well formed, 7.3.9): the SN id of KASME
 * @param eutran Requested-EUTRAN-Authentication-Info, or null when absent
 * @param utranGeran Requested-UTRAN-GERAN-Authentication-Info, or null when absent
 * @param airFlags AIR-Flags (7.3.201), 0 when absent
 */
public record AuthenticationInformationRequest(
        String originHost,
        String originRealm,
        String imsi,
        byte[] visitedPlmnId,
        VectorRequest eutran,
        VectorRequest utranGeran,
        long airFlags) {

    public AuthenticationInformationRequest {
        visitedPlmnId = visitedPlmnId.clone();
    }

    @Override
    public byte[] visitedPlmnId() {
        return visitedPlmnId.clone();
    }

    /**
     * One Requested-*-Authentication-Info (7.3.11, 7.3.12).
     *
     * @param numberOfVectors Number-Of-Requested-Vectors (7.3.14), or -1 when absent
     * @param immediateResponsePreferred whether Immediate-Response-Preferred (7.3.16) is present
     * @param resynchronizationInfo Re-Synchronization-Info (7.3.15): RAND ‖ AUTS, or null
     */
    public record VectorRequest(long numberOfVectors, boolean immediateResponsePreferred,
            byte[] resynchronizationInfo) {

        public VectorRequest {
            resynchronizationInfo = resynchronizationInfo == null ? null : resynchronizationInfo.clone();
        }

        @Override
        public byte[] resynchronizationInfo() {
            return resynchronizationInfo == null ? null : resynchronizationInfo.clone();
        }

        @Override
        public String toString() {
            return "VectorRequest[numberOfVectors=" + numberOfVectors + ", immediateResponsePreferred="
                    + immediateResponsePreferred + ", resync=" + (resynchronizationInfo != null) + "]";
        }
    }
}
