package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;
import static org.imshss.provisioning.seed.Conversion.orEmpty;
import static org.imshss.provisioning.seed.PublicIdentityConverter.identityKey;
import static org.imshss.provisioning.seed.SeedLoader.AKA_V1;
import static org.imshss.provisioning.seed.SeedLoader.AKA_V2;
import static org.imshss.provisioning.seed.SeedLoader.DIGEST_MD5;
import static org.imshss.provisioning.seed.SeedLoader.EARLY_IMS;
import static org.imshss.provisioning.seed.SeedLoader.HTTP_DIGEST_MD5;
import static org.imshss.provisioning.seed.SeedLoader.KNOWN_SCHEMES;
import static org.imshss.provisioning.seed.SeedLoader.NASS_BUNDLED;
import static org.imshss.provisioning.seed.SeedLoader.PASSWORD_KEY_SETTING;
import static org.imshss.provisioning.seed.SeedLoader.SIP_DIGEST;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.DigestCredentials;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.IpAddresses;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.SealedSecret;
import org.imshss.provisioning.seed.SeedLoader.KeptCredentials;

/**
 * One private identity of a subscription: its credentials checked in the clear, HA1 derived from a password and
 * OPc from OP, its authentication schemes, then its secrets sealed in one step ({@link SecretSealing}).
 */
final class PrivateIdentityConverter {

    private static final List<String> DEFAULT_SCHEMES = List.of(SIP_DIGEST, AKA_V1, AKA_V2);
    private static final String DEFAULT_AMF = "8000";
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern HEX4 = Pattern.compile("[0-9a-fA-F]{4}");
    private static final HexFormat HEX = HexFormat.of();

    private final Conversion c;

    PrivateIdentityConverter(Conversion c) {
        this.c = c;
    }

    /** What a stored identity keeps because the document leaves it out (see {@link SeedLoader.References#kept}). */
    private record Keeps(KeptCredentials kept, boolean digest, boolean aka, boolean password) {
    }

    /** Which credentials the identity has, valid or not: schemes follow them. */
    private record Has(boolean digest, boolean aka, boolean password) {
    }

    /**
     * @param publicIdentities keys of the subscription's public identities
     * @param imsis the IMSIs of the subscription's USIMs, which {@code usim} may name
     */
    PrivateIdentity convert(String subscriptionId, SeedDocument.PrivateId p, Set<String> publicIdentities,
            Set<String> imsis, String path) {
        if (blank(p.impi())) {
            c.problem(path + ".impi", "required");
            return null;
        }
        String impi = Identities.normalise(p.impi());
        if (!c.impis.add(impi)) {
            c.problem(path + ".impi", "duplicate private identity " + impi);
        }
        String realm = p.realm() != null ? p.realm() : c.doc.realm();
        if (p.realm() != null && p.realm().isBlank()) {
            c.problem(path + ".realm", "must not be blank");
        }
        Keeps keeps = keeps(current(c.stored.kept(impi), impi, path), p);
        String ha1 = keeps.digest() ? null : ha1(impi, realm, p, path);
        String usim = usim(p, imsis, path);
        SecretSealing.ClearAka aka = keeps.aka() || p.usim() != null ? null
                : aka(c, p.k(), p.op(), p.opc(), p.amf(), path);
        boolean cleartext = Boolean.TRUE.equals(p.cleartextPassword());
        String password = cleartext && !keeps.password() ? passwordToKeep(p, path) : null;
        address(p, path);
        // Schemes follow the credentials given, valid or not: a bad key is reported once, at the key.
        Has has = new Has(p.password() != null || p.ha1() != null || keeps.digest(),
                p.k() != null || p.usim() != null || keeps.aka(), p.password() != null || keeps.password());
        Set<String> allowed = allowedSchemes(p, has, path);
        String defaultScheme = defaultScheme(p, allowed, path);
        List<String> impus = publicIdentities(p, publicIdentities, path);

        SecretSealing.Sealed sealed = c.sealing.seal(impi, new SecretSealing.Clear(realm, ha1, aka, password));
        KeptCredentials kept = keeps.kept();
        DigestCredentials digest = !keeps.digest() ? sealed.digest()
                : new DigestCredentials(p.realm() != null ? p.realm() : kept.digest().realm(), kept.digest().ha1());
        SealedSecret sealedPassword = !cleartext ? null : keeps.password() ? kept.sealedPassword() : sealed.password();
        return new PrivateIdentity(impi, subscriptionId, impus,
                new AuthProfile(allowed, defaultScheme, digest, keeps.aka() ? kept.aka() : sealed.aka(),
                        p.lineIdentifier(), p.ipAddress() == null ? null : p.ipAddress().trim(), cleartext,
                        sealedPassword, usim));
    }

    /** The USIM whose keys the identity uses: one of the subscription's, and instead of keys of its own. */
    private String usim(SeedDocument.PrivateId p, Set<String> imsis, String path) {
        if (p.usim() == null) {
            return null;
        }
        if (p.k() != null || p.op() != null || p.opc() != null || p.amf() != null) {
            c.problem(path + ".usim", "give usim or k/op/opc/amf, not both");
        }
        if (!imsis.contains(p.usim())) {
            c.problem(path + ".usim", "IMSI " + p.usim() + " is not a USIM of this subscription");
            return null;
        }
        return p.usim();
    }

    private static Keeps keeps(KeptCredentials kept, SeedDocument.PrivateId p) {
        boolean digest = kept != null && kept.digest() != null && p.password() == null && p.ha1() == null;
        boolean aka = kept != null && kept.aka() != null && p.k() == null && p.op() == null
                && p.opc() == null && p.amf() == null && p.usim() == null;
        boolean password = kept != null && kept.sealedPassword() != null && p.password() == null;
        return new Keeps(kept, digest, aka, password);
    }

    /** Stored credentials kept, re-sealed under the active key; null (with a problem) if one does not open. */
    private KeptCredentials current(KeptCredentials kept, String impi, String path) {
        if (kept == null) {
            return null;
        }
        try {
            return c.sealing.current(kept, impi);
        } catch (Keyring.SecretUnavailableException e) {
            c.problem(path, "the stored credentials cannot be kept: " + e.getMessage());
            return null;
        }
    }

    /** H(A1) for SIP Digest, given or derived from the password (RFC 2617 3.2.2.2); null if none or invalid. */
    private String ha1(String impi, String realm, SeedDocument.PrivateId p, String path) {
        if (p.password() != null && p.ha1() != null) {
            c.problem(path + ".ha1", "give password or ha1, not both");
        } else if (p.password() != null || p.ha1() != null) {
            String field = p.password() != null ? ".password" : ".ha1";
            if (blank(realm)) {
                c.problem(path + field, "SIP Digest needs a realm: set realm here or at the top level");
            } else if (p.password() != null) {
                if (p.password().isEmpty()) {
                    c.problem(path + ".password", "must not be empty");
                } else {
                    return SeedLoader.ha1(impi, realm, p.password());
                }
            } else if (!HEX32.matcher(p.ha1()).matches()) {
                c.problem(path + ".ha1", "must be 32 hex digits");
            } else {
                return p.ha1().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /**
     * K, OPc (given, or derived from OP, TS 35.206) and AMF for AKA, of a private identity or a USIM; null if no k
     * or invalid, the problems named under {@code path}.
     */
    static SecretSealing.ClearAka aka(Conversion c, String key, String op, String opc, String amfGiven,
            String path) {
        if (key == null) {
            for (String[] field : new String[][] {{"op", op}, {"opc", opc}, {"amf", amfGiven}}) {
                if (field[1] != null) {
                    c.problem(path + "." + field[0], "only allowed together with k");
                }
            }
            return null;
        }
        boolean ok = true;
        if (!HEX32.matcher(key).matches()) {
            c.problem(path + ".k", "must be 32 hex digits");
            ok = false;
        }
        if (op != null && opc != null) {
            c.problem(path + ".opc", "give op or opc, not both");
            ok = false;
        } else if (op == null && opc == null) {
            c.problem(path + ".k", "AKA needs op or opc as well");
            ok = false;
        } else if (op != null && !HEX32.matcher(op).matches()) {
            c.problem(path + ".op", "must be 32 hex digits");
            ok = false;
        } else if (opc != null && !HEX32.matcher(opc).matches()) {
            c.problem(path + ".opc", "must be 32 hex digits");
            ok = false;
        }
        String amf = amfGiven == null ? DEFAULT_AMF : amfGiven;
        if (!HEX4.matcher(amf).matches()) {
            c.problem(path + ".amf", "must be 4 hex digits");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        byte[] k = HEX.parseHex(key);
        byte[] derivedOpc = op != null ? SeedLoader.opc(k, HEX.parseHex(op)) : HEX.parseHex(opc);
        return new SecretSealing.ClearAka(k, derivedOpc, HEX.parseHex(amf));
    }

    /** Digest-MD5 hands the password to the S-CSCF, so it is kept, but only encrypted (see Keyring). */
    private String passwordToKeep(SeedDocument.PrivateId p, String path) {
        if (p.password() == null || p.password().isEmpty()) {
            c.problem(path + ".cleartextPassword", "needs password (an ha1 cannot give the password back)");
            return null;
        }
        if (!c.sealing.sealing()) {
            c.problem(path + ".cleartextPassword", "the password would be kept, but no key to encrypt it is "
                    + "configured (" + PASSWORD_KEY_SETTING + ")");
            return null;
        }
        return p.password();
    }

    private void address(SeedDocument.PrivateId p, String path) {
        if (p.lineIdentifier() != null && p.lineIdentifier().isBlank()) {
            c.problem(path + ".lineIdentifier", "must not be blank");
        }
        if (p.ipAddress() != null && !IpAddresses.valid(p.ipAddress().trim())) {
            c.problem(path + ".ipAddress", "must be an IPv4 address, an IPv6 address or an IPv6 prefix "
                    + "(address/length)");
        }
    }

    private Set<String> allowedSchemes(SeedDocument.PrivateId p, Has has, String path) {
        Set<String> allowed = new LinkedHashSet<>();
        if (p.authSchemes() == null) {
            for (String scheme : DEFAULT_SCHEMES) {
                if (supported(scheme, has, p)) {
                    allowed.add(scheme);
                }
            }
            if (allowed.isEmpty()) {
                c.problem(path, "no credentials: give password or ha1 (SIP Digest), k (IMS-AKA) or authSchemes");
            }
            return allowed;
        }
        if (p.authSchemes().isEmpty()) {
            c.problem(path + ".authSchemes", "at least one scheme is required");
        }
        for (int i = 0; i < p.authSchemes().size(); i++) {
            String scheme = canonicalScheme(p.authSchemes().get(i));
            String at = path + ".authSchemes[" + i + "]";
            if (scheme == null) {
                c.problem(at, "unknown scheme " + p.authSchemes().get(i) + ", expected one of " + KNOWN_SCHEMES);
            } else if (!supported(scheme, has, p)) {
                c.problem(at, scheme + " needs " + requirement(scheme));
            } else {
                allowed.add(scheme);
            }
        }
        return allowed;
    }

    private String defaultScheme(SeedDocument.PrivateId p, Set<String> allowed, String path) {
        if (p.defaultScheme() != null) {
            String defaultScheme = canonicalScheme(p.defaultScheme());
            if (defaultScheme == null || !allowed.contains(defaultScheme)) {
                c.problem(path + ".defaultScheme", p.defaultScheme() + " is not one of the allowed schemes " + allowed);
            }
            return defaultScheme;
        } else if (allowed.contains(SIP_DIGEST)) {
            return SIP_DIGEST;
        } else if (allowed.contains(AKA_V1)) {
            return AKA_V1;
        }
        return allowed.isEmpty() ? null : allowed.iterator().next();
    }

    private List<String> publicIdentities(SeedDocument.PrivateId p, Set<String> defined, String path) {
        List<String> impus = new ArrayList<>();
        List<String> listed = orEmpty(p.publicIdentities());
        for (int i = 0; i < listed.size(); i++) {
            String ref = listed.get(i);
            String key = ref == null ? null : identityKey(ref);
            if (key == null || !defined.contains(key)) {
                c.problem(path + ".publicIdentities[" + i + "]", "public identity " + ref
                        + " is not defined in this subscription's publicIdentities");
            } else if (!impus.contains(key)) {
                impus.add(key);
            }
        }
        return impus;
    }

    private static String canonicalScheme(String scheme) {
        if (scheme != null) {
            for (String known : KNOWN_SCHEMES) {
                if (known.equalsIgnoreCase(scheme.trim())) {
                    return known;
                }
            }
        }
        return null;
    }

    private static boolean supported(String scheme, Has has, SeedDocument.PrivateId p) {
        return switch (scheme) {
            case SIP_DIGEST, HTTP_DIGEST_MD5 -> has.digest();
            case DIGEST_MD5 -> Boolean.TRUE.equals(p.cleartextPassword()) && has.password();
            case AKA_V1, AKA_V2 -> has.aka();
            case NASS_BUNDLED -> p.lineIdentifier() != null;
            case EARLY_IMS -> p.ipAddress() != null;
            default -> false;
        };
    }

    private static String requirement(String scheme) {
        return switch (scheme) {
            case SIP_DIGEST, HTTP_DIGEST_MD5 -> "password or ha1";
            case DIGEST_MD5 -> "password and cleartextPassword: true";
            case AKA_V1, AKA_V2 -> "k with op or opc, or usim";
            case NASS_BUNDLED -> "lineIdentifier";
            default -> "ipAddress";
        };
    }
}
