package org.imshss.hss.s6a;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.NetworkAccessMode;
import org.imshss.provisioning.model.SubscriberStatus;
import org.imshss.provisioning.model.Usim;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;

/** ULR, PUR and NOR as an MME sends them (Open5GS's ULR: TS 29.272 7.2.3 with ULR-Flags 0x22), and test USIMs. */
final class LocationRequests {

    /** ULR-Flags of an MME's initial attach: S6a/S6d-Indicator (bit 1) and Initial-Attach-Indicator (bit 5). */
    static final long MME_ATTACH = 0x22;
    /** ULR-Flags of an MME's tracking area update: S6a/S6d-Indicator only. */
    static final long MME_UPDATE = 0x02;
    static final int EUTRAN = 1004;

    private LocationRequests() {
    }

    /** The 3 octets of a PLMN identity (TS 24.008 10.5.1.13), written here from the rule, not by the HSS's code. */
    static byte[] plmn(String mcc, String mnc) {
        int mnc3 = mnc.length() == 3 ? mnc.charAt(2) - '0' : 0xF;
        return new byte[] {
            (byte) ((mcc.charAt(1) - '0') << 4 | (mcc.charAt(0) - '0')),
            (byte) (mnc3 << 4 | (mcc.charAt(2) - '0')),
            (byte) ((mnc.charAt(1) - '0') << 4 | (mnc.charAt(0) - '0'))};
    }

    static CompletableFuture<Answer> ulrAsync(DiameterTestPeer mme, String imsi, long flags, int ratType,
            byte[] visitedPlmn) throws Exception {
        return mme.sendAsync(Command.ULR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, imsi);
            AvpSet terminal = Avps.addGrouped(avps, Avp.TERMINAL_INFORMATION);
            Avps.addUtf8(terminal, Avp.IMEI, "35609204079301");
            Avps.addUtf8(terminal, Avp.SOFTWARE_VERSION, "12");
            Avps.addEnumerated(avps, Avp.RAT_TYPE, ratType);
            Avps.addUnsigned32(avps, Avp.ULR_FLAGS, flags);
            Avps.addEnumerated(avps, Avp.UE_SRVCC_CAPABILITY, 0);
            if (visitedPlmn != null) {
                Avps.addOctets(avps, Avp.VISITED_PLMN_ID, visitedPlmn);
            }
        });
    }

    static Answer ulr(DiameterTestPeer mme, String imsi, long flags) throws Exception {
        return ulr(mme, imsi, flags, EUTRAN, plmn("001", "01"));
    }

    static Answer ulr(DiameterTestPeer mme, String imsi, long flags, int ratType, byte[] visitedPlmn)
            throws Exception {
        return ulrAsync(mme, imsi, flags, ratType, visitedPlmn).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** @param purFlags -1 to leave PUR-Flags out */
    static Answer pur(DiameterTestPeer mme, String imsi, long purFlags) throws Exception {
        return mme.send(Command.S6A_PUR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, imsi);
            if (purFlags >= 0) {
                Avps.addUnsigned32(avps, Avp.PUR_FLAGS, purFlags);
            }
        });
    }

    static Answer nor(DiameterTestPeer mme, String imsi, String imei) throws Exception {
        return mme.send(Command.NOR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, imsi);
            if (imei != null) {
                Avps.addUtf8(Avps.addGrouped(avps, Avp.TERMINAL_INFORMATION), Avp.IMEI, imei);
            }
            Avps.addUnsigned32(avps, Avp.NOR_FLAGS, 1L << 3);
        });
    }

    /** A USIM with keys that S6a location management never reads. */
    static Usim usim(String imsi, EpsSubscription eps) {
        AkaCredentials aka = AkaCredentials.seal(Keyring.NONE, imsi, new byte[16], new byte[16], new byte[] {0, 0});
        return new Usim(imsi, "sub-" + imsi, aka, eps);
    }

    /**
     * MSISDN 491711234567, A-MSISDN 33612345678, UE-AMBR 1/2 Mbit/s, APN 1 "internet" (default, a static IPv4
     * address) and APN 2 "ims", TAU timer 720 s, charging characteristics 0800.
     */
    static EpsSubscription fullSubscription(List<String> allowedPlmns, long accessRestriction) {
        return new EpsSubscription("491711234567", List.of("33612345678"), SubscriberStatus.SERVICE_GRANTED, 0,
                NetworkAccessMode.PACKET_AND_CIRCUIT, accessRestriction, new Ambr(1_000_000, 2_000_000), 1,
                List.of(new ApnConfiguration(1, "internet", List.of("10.45.0.7")),
                        new ApnConfiguration(2, "ims", List.of())),
                allowedPlmns, 720, "0800");
    }
}
