package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.orEmpty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.IpAddresses;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.NetworkAccessMode;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.SubscriberStatus;
import org.imshss.provisioning.model.Usim;

/**
 * The USIMs of a subscription: the IMSI, the AKA keys checked in the clear, OPc derived from OP and sealed for the
 * IMSI ({@link SecretSealing}, as a private identity's), and the EPS subscription with its APNs, each naming an APN
 * profile of the document or one already stored; and the non-3GPP access subscription ({@link Non3gppConverter}).
 */
final class UsimConverter {

    private static final Pattern MSISDN = Pattern.compile("[0-9]{1,15}");
    private static final Pattern PLMN = Pattern.compile("[0-9]{5,6}");
    private static final long UNSIGNED32 = 0xFFFFFFFFL;

    private final Conversion c;

    UsimConverter(Conversion c) {
        this.c = c;
    }

    /** Converts the USIMs of one subscription; returns their IMSIs (those valid), in order. */
    List<String> convert(String subscriptionId, List<SeedDocument.Usim> usims, String path) {
        List<String> imsis = new ArrayList<>();
        for (int i = 0; i < usims.size(); i++) {
            Usim usim = convert(subscriptionId, usims.get(i), path + ".usims[" + i + "]");
            if (usim != null) {
                imsis.add(usim.imsi());
                c.usims.add(usim);
            }
        }
        return imsis;
    }

    private Usim convert(String subscriptionId, SeedDocument.Usim u, String path) {
        if (!Usim.isImsi(u.imsi())) {
            c.problem(path + ".imsi", u.imsi() == null ? "required" : "must be 6 to 15 digits (TS 23.003 2.2)");
            return null;
        }
        String imsi = u.imsi();
        if (!c.imsis.add(imsi)) {
            c.problem(path + ".imsi", "duplicate IMSI " + imsi);
        }
        Usim stored = c.stored.storedUsim(imsi);
        AkaCredentials aka = keys(u, stored, path);
        EpsSubscription eps = u.eps() == null ? null : eps(u.eps(), stored, path + ".eps");
        if (u.eps() != null && eps == null) {
            return null;
        }
        Non3gppSubscription non3gpp = u.non3gpp() == null ? null
                : new Non3gppConverter(c).convert(u.non3gpp(), eps, path + ".non3gpp");
        return aka == null || u.non3gpp() != null && non3gpp == null ? null
                : new Usim(imsi, subscriptionId, aka, eps, non3gpp);
    }

    /** The keys given, sealed for the IMSI; or, none given, the stored USIM's under the active key. */
    private AkaCredentials keys(SeedDocument.Usim u, Usim stored, String path) {
        boolean none = u.k() == null && u.op() == null && u.opc() == null && u.amf() == null;
        if (none && stored != null) {
            try {
                return c.sealing.current(new SeedLoader.KeptCredentials(null, stored.aka(), null), u.imsi()).aka();
            } catch (Keyring.SecretUnavailableException e) {
                c.problem(path, "the stored keys cannot be kept: " + e.getMessage());
                return null;
            }
        }
        if (none) {
            c.problem(path + ".k", "required, with op or opc");
            return null;
        }
        SecretSealing.ClearAka clear = PrivateIdentityConverter.aka(c, u.k(), u.op(), u.opc(), u.amf(), path);
        return clear == null ? null
                : c.sealing.seal(u.imsi(), new SecretSealing.Clear(null, null, clear, null)).aka();
    }

    private EpsSubscription eps(SeedDocument.Eps e, Usim stored, String path) {
        int before = c.problemCount();
        String msisdn = msisdn(e.msisdn(), path + ".msisdn");
        List<String> additional = new ArrayList<>();
        List<String> listed = orEmpty(e.additionalMsisdns());
        for (int i = 0; i < listed.size(); i++) {
            additional.add(msisdn(listed.get(i), path + ".additionalMsisdns[" + i + "]"));
        }
        SubscriberStatus status = e.subscriberStatus() == null ? SubscriberStatus.SERVICE_GRANTED
                : named(SubscriberStatus.values(), e.subscriberStatus(), path + ".subscriberStatus");
        NetworkAccessMode mode = e.networkAccessMode() == null ? NetworkAccessMode.ONLY_PACKET
                : named(NetworkAccessMode.values(), e.networkAccessMode(), path + ".networkAccessMode");
        long barring = unsigned32(e.operatorDeterminedBarring(), path + ".operatorDeterminedBarring");
        long restrictions = unsigned32(e.accessRestrictionData(), path + ".accessRestrictionData");
        long tau = unsigned32(e.subscribedPeriodicTauTimer(), path + ".subscribedPeriodicTauTimer");
        Ambr ueAmbr = ApnProfileConverter.ambr(c, e.ueAmbr(), path + ".ueAmbr");
        List<ApnConfiguration> apns = apns(orEmpty(e.apns()), stored, path + ".apns");
        if (!apns.isEmpty() && e.ueAmbr() == null) {
            c.problem(path + ".ueAmbr", "required with apns (TS 29.272 7.3.2)");
        }
        int defaultContext = defaultContext(e.defaultApn(), apns, path + ".defaultApn");
        List<String> plmns = orEmpty(e.allowedVisitedPlmns());
        for (int i = 0; i < plmns.size(); i++) {
            if (plmns.get(i) == null || !PLMN.matcher(plmns.get(i)).matches()) {
                c.problem(path + ".allowedVisitedPlmns[" + i + "]", "must be MCC and MNC, 5 or 6 digits");
            }
        }
        ApnProfileConverter.chargingCharacteristics(c, e.chargingCharacteristics(), path + ".chargingCharacteristics");
        if (c.problemCount() > before) {
            return null;
        }
        return new EpsSubscription(msisdn, additional, status, barring, mode, restrictions, ueAmbr, defaultContext,
                apns, plmns, tau, e.chargingCharacteristics() == null ? null
                        : e.chargingCharacteristics().toUpperCase(Locale.ROOT));
    }

    /**
     * The APNs under their Context-Identifiers: as given; else the one the stored USIM has for the same APN profile,
     * so that an MME holding it hears of the same configuration; else the lowest free, from 1.
     */
    private List<ApnConfiguration> apns(List<SeedDocument.Apn> listed, Usim stored, String path) {
        Map<String, Integer> storedIds = new HashMap<>();
        if (stored != null && stored.eps() != null) {
            stored.eps().apns().forEach(a -> storedIds.put(a.apnProfile(), a.contextIdentifier()));
        }
        Set<Integer> taken = new HashSet<>();
        Set<String> profiles = new HashSet<>();
        Integer[] ids = new Integer[listed.size()];
        for (int i = 0; i < listed.size(); i++) {
            SeedDocument.Apn apn = listed.get(i);
            String at = path + "[" + i + "]";
            if (apn.apnProfile() == null || !c.apnProfiles.containsKey(apn.apnProfile())
                    && !c.stored.apnProfile(apn.apnProfile())) {
                c.problem(at + ".apnProfile", apn.apnProfile() == null ? "required"
                        : "unknown APN profile " + apn.apnProfile());
            } else if (!profiles.add(apn.apnProfile())) {
                c.problem(at + ".apnProfile", "APN profile " + apn.apnProfile() + " is listed twice");
            }
            if (apn.contextIdentifier() != null) {
                if (apn.contextIdentifier() < 1) {
                    c.problem(at + ".contextIdentifier", "must be 1 or more");
                } else if (!taken.add(apn.contextIdentifier())) {
                    c.problem(at + ".contextIdentifier", "duplicate Context-Identifier " + apn.contextIdentifier());
                }
                ids[i] = apn.contextIdentifier();
            }
            if (!staticAddresses(orEmpty(apn.staticAddresses()), at + ".staticAddresses")) {
                ids[i] = 0;
            }
        }
        for (int i = 0; i < listed.size(); i++) {
            Integer kept = storedIds.get(listed.get(i).apnProfile());
            if (ids[i] == null && kept != null && taken.add(kept)) {
                ids[i] = kept;
            }
        }
        List<ApnConfiguration> apns = new ArrayList<>();
        int next = 1;
        for (int i = 0; i < listed.size(); i++) {
            if (ids[i] == null) {
                while (taken.contains(next)) {
                    next++;
                }
                ids[i] = next;
                taken.add(next);
            }
            if (ids[i] >= 1) {
                apns.add(new ApnConfiguration(ids[i], listed.get(i).apnProfile(),
                        orEmpty(listed.get(i).staticAddresses()).stream().map(String::trim).toList()));
            }
        }
        return apns;
    }

    /**
     * At most one IPv4 and one IPv6 address (TS 29.272 7.3.35: Served-Party-IP-Address, at most two); whether they
     * are.
     */
    private boolean staticAddresses(List<String> addresses, String path) {
        if (addresses.size() > 2) {
            c.problem(path, "at most two: one IPv4 and one IPv6 address");
            return false;
        }
        Set<Boolean> families = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < addresses.size(); i++) {
            String text = addresses.get(i) == null ? null : addresses.get(i).trim();
            var parsed = IpAddresses.parse(text);
            if (parsed.isEmpty() || text.contains("/")) {
                c.problem(path + "[" + i + "]", "must be an IPv4 or IPv6 address");
                ok = false;
            } else if (!families.add(parsed.get().ipv4())) {
                c.problem(path + "[" + i + "]", "a second " + (parsed.get().ipv4() ? "IPv4" : "IPv6") + " address");
                ok = false;
            }
        }
        return ok;
    }

    private int defaultContext(String defaultApn, List<ApnConfiguration> apns, String path) {
        if (apns.isEmpty()) {
            if (defaultApn != null) {
                c.problem(path, "APN profile " + defaultApn + " is not among apns");
            }
            return 0;
        }
        if (defaultApn == null) {
            return apns.get(0).contextIdentifier();
        }
        for (ApnConfiguration apn : apns) {
            if (apn.apnProfile().equals(defaultApn)) {
                return apn.contextIdentifier();
            }
        }
        c.problem(path, "APN profile " + defaultApn + " is not among apns");
        return 0;
    }

    /** E.164 digits (TS 23.003 3.3), '+' optional; null, with a problem, if malformed. */
    private String msisdn(String msisdn, String path) {
        if (msisdn == null) {
            return null;
        }
        String digits = msisdn.trim().startsWith("+") ? msisdn.trim().substring(1) : msisdn.trim();
        if (!MSISDN.matcher(digits).matches()) {
            c.problem(path, "must be E.164: 1 to 15 digits, optionally with a leading '+'");
            return null;
        }
        return digits;
    }

    private long unsigned32(Long value, String path) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > UNSIGNED32) {
            c.problem(path, "must be 0 to " + UNSIGNED32);
            return 0;
        }
        return value;
    }

    private <E extends Enum<E>> E named(E[] values, String name, String path) {
        for (E value : values) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        c.problem(path, "must be one of " + Arrays.toString(values));
        return null;
    }
}
