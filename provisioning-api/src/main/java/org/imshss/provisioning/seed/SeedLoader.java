package org.imshss.provisioning.seed;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.ApplicationServer;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.DigestCredentials;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.IpAddresses;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.SealedSecret;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.model.TriggerPoint;
import org.imshss.provisioning.store.SubscriberData;

/**
 * Reads a JSON seed document ({@link SeedDocument}) into {@link SubscriberData}: resolves references,
 * applies defaults, derives HA1 from a password and OPc from OP (neither secret is kept), seals K, OPc, HA1 and
 * passwords with the {@link Keyring} (the one place where provisioned secrets are sealed) and rejects anything
 * wrong with every problem named by its JSON path. Thread-safe.
 */
public final class SeedLoader {

    /** The demo subscribers (alice, bob, carol and two PSIs), used by {@code hss --demo} and the tests. */
    public static final String DEMO_RESOURCE = "org/imshss/provisioning/seed/demo.json";

    public static final String SIP_DIGEST = "SIP Digest";
    public static final String HTTP_DIGEST_MD5 = "HTTP_DIGEST_MD5";
    public static final String DIGEST_MD5 = "Digest-MD5";
    public static final String AKA_V1 = "Digest-AKAv1-MD5";
    public static final String AKA_V2 = "Digest-AKAv2-MD5";
    public static final String NASS_BUNDLED = "NASS-Bundled";
    public static final String EARLY_IMS = "Early-IMS-Security";

    /**
     * SIP-Authentication-Scheme values a private identity may be provisioned with (TS 29.229, TS 33.203), spelt
     * as the HSS echoes them. The HSS's own list (hss-server AuthSchemes) must hold the same names plus
     * "Unknown"; a test there checks that the two agree, since this module cannot depend on the server.
     */
    public static final List<String> KNOWN_SCHEMES =
            List.of(SIP_DIGEST, HTTP_DIGEST_MD5, DIGEST_MD5, AKA_V1, AKA_V2, NASS_BUNDLED, EARLY_IMS);

    /** Named in the error for a cleartext-capable identity when no key was given. */
    public static final String PASSWORD_KEY_SETTING = "secrets.keys";

    private static final List<String> DEFAULT_SCHEMES = List.of(SIP_DIGEST, AKA_V1, AKA_V2);
    private static final String DEFAULT_AMF = "8000";
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern HEX4 = Pattern.compile("[0-9a-fA-F]{4}");
    private static final Pattern MSISDN = Pattern.compile("[0-9]{1,15}");
    private static final HexFormat HEX = HexFormat.of();

    /** Data-Reference names and values of TS 29.329 6.3.4, accepted by name or number in the seed. */
    static final Map<String, Integer> DATA_REFERENCES = dataReferences();

    private final ObjectReader reader;
    private final Keyring sealer;

    /**
     * A loader without keys: K, OPc and HA1 are kept clear, and identities with {@code cleartextPassword} are
     * refused, there being no key to encrypt the password with.
     */
    public SeedLoader() {
        this(Keyring.NONE);
    }

    /** @param sealer seals the secrets of every private identity read */
    public SeedLoader(Keyring sealer) {
        this.sealer = sealer;
        reader = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build()
                .readerFor(SeedDocument.class);
    }

    public SubscriberData demo() {
        try (InputStream in = SeedLoader.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEMO_RESOURCE);
            }
            return read(in, DEMO_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SubscriberData read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + file, e);
        }
    }

    public SubscriberData readString(String json) {
        return convert(parse(json.getBytes(StandardCharsets.UTF_8), "(string)"), "(string)");
    }

    /** @param source named in error messages */
    public SubscriberData read(InputStream json, String source) throws IOException {
        return convert(parse(json.readAllBytes(), source), source);
    }

    private SeedDocument parse(byte[] json, String source) {
        try {
            return reader.readValue(json);
        } catch (JsonMappingException e) {
            String path = JsonPaths.of(e.getPath());
            String problem = e instanceof UnrecognizedPropertyException
                    ? "unknown field"
                    : e.getOriginalMessage().lines().findFirst().orElse("invalid value");
            throw new SeedException(source, List.of(path + ": " + problem));
        } catch (JsonParseException e) {
            throw new SeedException(source, List.of("line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new SeedException(source, List.of(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates and resolves a parsed document; throws {@link SeedException} listing every problem. */
    public SubscriberData convert(SeedDocument document, String source) {
        return new Conversion(document, sealer, References.NONE).run(source);
    }

    /**
     * Like {@link #convert(SeedDocument, String)}, for a document that may refer to service data already
     * stored (a provisioning request names a profile, iFC or charging set provisioned earlier).
     */
    public SubscriberData convert(SeedDocument document, String source, References stored) {
        return new Conversion(document, sealer, stored).run(source);
    }

    /** Service data a document may refer to without defining it. */
    public interface References {

        References NONE = new References() {
            @Override
            public Optional<InitialFilterCriteria> ifc(String id) {
                return Optional.empty();
            }

            @Override
            public boolean sharedIfcSet(int id) {
                return false;
            }

            @Override
            public boolean serviceProfile(String id) {
                return false;
            }

            @Override
            public boolean chargingInformation(String id) {
                return false;
            }
        };

        Optional<InitialFilterCriteria> ifc(String id);

        boolean sharedIfcSet(int id);

        boolean serviceProfile(String id);

        boolean chargingInformation(String id);

        /**
         * Stored credentials a private identity of the document leaves out and keeps (a document read back from
         * the API never shows them), taken over sealed as they are; null for none.
         */
        default KeptCredentials kept(String impi) {
            return null;
        }
    }

    /**
     * Sealed credentials of a stored private identity that a document keeps: each part given (non-null) stands for
     * the matching credentials the document leaves out.
     */
    public record KeptCredentials(DigestCredentials digest, AkaCredentials aka, SealedSecret sealedPassword) {
    }

    /** H(A1) of RFC 2617 3.2.2.2: lower-case hex MD5(username ":" realm ":" password). */
    public static String ha1(String username, String realm, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HEX.formatHex(md5.digest((username + ":" + realm + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /** OPc = OP xor E_K(OP) (TS 35.206; E_K is AES-128, the Rijndael kernel Milenage uses). */
    public static byte[] opc(byte[] k, byte[] op) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"));
            byte[] opc = aes.doFinal(op);
            for (int i = 0; i < opc.length; i++) {
                opc[i] ^= op[i];
            }
            return opc;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    /** RFC 3261 19.1.1 user@host (no spaces, a host name or an IP literal); RFC 3966 3 global or local number. */
    private static final Pattern SIP_URI = Pattern.compile(
            "(?i)sips?:(?:[^@\\s]+@)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.?"
                    + "|\\[[0-9a-f:.]+\\])(?::[0-9]{1,5})?(?:[;?]\\S*)?");
    private static final Pattern TEL_URI = Pattern.compile(
            "(?i)tel:(?:\\+[0-9().-]*[0-9][0-9().-]*|[0-9a-f*#().-]*[0-9a-f*#][0-9a-f*#().-]*(?=.*;phone-context=))"
                    + "(?:;[^\\s;]+)*");

    static boolean uriSyntax(String identity) {
        return SIP_URI.matcher(identity).matches() || TEL_URI.matcher(identity).matches();
    }

    private static Map<String, Integer> dataReferences() {
        String[] names = {"0 RepositoryData", "10 IMSPublicIdentity", "11 IMSUserState", "12 S-CSCFName",
            "13 InitialFilterCriteria", "14 LocationInformation", "15 UserState", "16 ChargingInformation",
            "17 MSISDN", "18 PSIActivation", "19 DSAI", "21 ServiceLevelTraceInfo",
            "22 IPAddressSecureBindingInformation", "23 ServicePriorityLevel", "24 SMSRegistrationInfo",
            "25 UEReachabilityForIP", "26 TADSinformation", "27 STN-SR", "28 UE-SRVCC-Capability",
            "29 ExtendedPriority", "30 CSRN", "31 ReferenceLocationInformation", "32 IMSI",
            "33 IMSPrivateUserIdentity", "34 IMEISV", "35 UE-5G-SRVCC-Capability"};
        Map<String, Integer> map = new HashMap<>();
        for (String entry : names) {
            int space = entry.indexOf(' ');
            int value = Integer.parseInt(entry.substring(0, space));
            map.put(entry.substring(space + 1), value);
            map.put(Integer.toString(value), value);
        }
        return Map.copyOf(map);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** One pass over one document; collects problems instead of stopping at the first. */
    private static final class Conversion {

        private final SeedDocument doc;
        private final List<String> problems = new ArrayList<>();

        private final Map<String, ChargingInformation> charging = new LinkedHashMap<>();
        private final Map<String, InitialFilterCriteria> ifcs = new LinkedHashMap<>();
        private final Map<Integer, SharedIfcSet> sharedSets = new LinkedHashMap<>();
        private final Map<String, ServiceProfile> profiles = new LinkedHashMap<>();
        private final Map<String, ScscfServer> scscfs = new LinkedHashMap<>();
        private final List<ImsSubscription> subscriptions = new ArrayList<>();
        private final List<PrivateIdentity> privateIdentities = new ArrayList<>();
        private final List<PublicIdentity> publicIdentities = new ArrayList<>();
        private final List<ImplicitRegistrationSet> implicitSets = new ArrayList<>();

        private final Set<String> subscriptionIds = new HashSet<>();
        private final Set<String> impis = new HashSet<>();
        private final Map<String, String> identityOwner = new HashMap<>();
        private final Set<String> setIds = new HashSet<>();
        private final Set<String> msisdns = new HashSet<>();

        private final Keyring sealer;
        private final References stored;

        Conversion(SeedDocument doc, Keyring sealer, References stored) {
            this.doc = doc;
            this.sealer = sealer;
            this.stored = stored;
        }

        private InitialFilterCriteria ifc(String id) {
            InitialFilterCriteria ifc = ifcs.get(id);
            return ifc != null || id == null ? ifc : stored.ifc(id).orElse(null);
        }

        private void problem(String path, String message) {
            problems.add(path + ": " + message);
        }

        SubscriberData run(String source) {
            if (doc == null) {
                throw new SeedException(source, List.of("$: empty document"));
            }
            if (doc.realm() != null && doc.realm().isBlank()) {
                problem("realm", "must not be blank");
            }
            scscfs();
            charging();
            ifcs();
            sharedIfcSets();
            serviceProfiles();
            List<SeedDocument.Subscription> subs = orEmpty(doc.subscriptions());
            for (int i = 0; i < subs.size(); i++) {
                subscription(subs.get(i), "subscriptions[" + i + "]");
            }
            List<ShApplicationServer> applicationServers = applicationServers();
            List<Dsai> dsai = dsai();
            if (!problems.isEmpty()) {
                throw new SeedException(source, problems);
            }
            return new SubscriberData(subscriptions, privateIdentities, publicIdentities, implicitSets,
                    List.copyOf(profiles.values()), List.copyOf(ifcs.values()), List.copyOf(sharedSets.values()),
                    List.copyOf(charging.values()), List.copyOf(scscfs.values()), applicationServers, dsai);
        }

        /** DSAI tags (TS 29.328 7.6.11): each names at least one iFC, defined here or stored. */
        private List<Dsai> dsai() {
            Map<String, Dsai> tags = new LinkedHashMap<>();
            List<SeedDocument.Dsai> list = orEmpty(doc.dsai());
            for (int i = 0; i < list.size(); i++) {
                SeedDocument.Dsai d = list.get(i);
                String path = "dsai[" + i + "]";
                if (d == null || blank(d.tag())) {
                    problem(path + ".tag", "required");
                    continue;
                }
                List<String> ids = orEmpty(d.ifcs());
                if (ids.isEmpty()) {
                    problem(path + ".ifcs", "must name at least one iFC");
                }
                ifcReferences(ids, path + ".ifcs");
                if (new HashSet<>(ids).size() != ids.size()) {
                    problem(path + ".ifcs", "names an iFC twice");
                }
                if (tags.putIfAbsent(d.tag(), new Dsai(d.tag(), ids)) != null) {
                    problem(path + ".tag", "duplicate tag " + d.tag());
                }
            }
            return List.copyOf(tags.values());
        }

        private List<ShApplicationServer> applicationServers() {
            List<ShApplicationServer> servers = new ArrayList<>();
            Set<String> hosts = new HashSet<>();
            List<SeedDocument.ShApplicationServer> list = orEmpty(doc.applicationServers());
            for (int i = 0; i < list.size(); i++) {
                SeedDocument.ShApplicationServer as = list.get(i);
                String path = "applicationServers[" + i + "]";
                if (blank(as.diameterHost())) {
                    problem(path + ".diameterHost", "required");
                    continue;
                }
                if (!hosts.add(as.diameterHost().trim().toLowerCase(Locale.ROOT))) {
                    problem(path + ".diameterHost", "duplicate application server " + as.diameterHost());
                }
                servers.add(new ShApplicationServer(as.diameterHost().trim(), as.serverName(),
                        dataReferences(as.read(), path + ".read"), dataReferences(as.update(), path + ".update"),
                        dataReferences(as.subscribe(), path + ".subscribe")));
            }
            return servers;
        }

        private Set<Integer> dataReferences(List<String> names, String path) {
            Set<Integer> values = new LinkedHashSet<>();
            List<String> list = orEmpty(names);
            for (int i = 0; i < list.size(); i++) {
                Integer value = DATA_REFERENCES.get(list.get(i) == null ? "" : list.get(i).trim());
                if (value == null) {
                    problem(path + "[" + i + "]", "unknown Data-Reference " + list.get(i)
                            + ", expected a TS 29.329 name or number such as RepositoryData or 0");
                } else {
                    values.add(value);
                }
            }
            return values;
        }

        private void scscfs() {
            List<SeedDocument.Scscf> list = orEmpty(doc.scscfs());
            for (int i = 0; i < list.size(); i++) {
                SeedDocument.Scscf s = list.get(i);
                String path = "scscfs[" + i + "]";
                if (blank(s.name())) {
                    problem(path + ".name", "required");
                    continue;
                }
                String name = s.name().trim();
                if (!name.toLowerCase(Locale.ROOT).startsWith("sip:")
                        && !name.toLowerCase(Locale.ROOT).startsWith("sips:")) {
                    problem(path + ".name", "must be a SIP URI");
                }
                nonNegative(orEmpty(s.capabilities()), path + ".capabilities");
                if (scscfs.putIfAbsent(name, new ScscfServer(name, Set.copyOf(orEmpty(s.capabilities())))) != null) {
                    problem(path + ".name", "duplicate S-CSCF " + name);
                }
            }
        }

        private void nonNegative(List<Integer> values, String path) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null || values.get(i) < 0) {
                    problem(path + "[" + i + "]", "must be an integer >= 0");
                }
            }
        }

        private void charging() {
            List<SeedDocument.Charging> list = orEmpty(doc.chargingInformation());
            for (int i = 0; i < list.size(); i++) {
                SeedDocument.Charging c = list.get(i);
                String path = "chargingInformation[" + i + "]";
                if (blank(c.id())) {
                    problem(path + ".id", "required");
                    continue;
                }
                if (blank(c.primaryEventChargingFunctionName()) && blank(c.primaryChargingCollectionFunctionName())) {
                    problem(path, "needs primaryEventChargingFunctionName or primaryChargingCollectionFunctionName");
                }
                ChargingInformation info = new ChargingInformation(c.id(), c.primaryEventChargingFunctionName(),
                        c.secondaryEventChargingFunctionName(), c.primaryChargingCollectionFunctionName(),
                        c.secondaryChargingCollectionFunctionName());
                if (charging.putIfAbsent(c.id(), info) != null) {
                    problem(path + ".id", "duplicate id " + c.id());
                }
            }
        }

        private void ifcs() {
            List<SeedDocument.Ifc> list = orEmpty(doc.ifcs());
            for (int i = 0; i < list.size(); i++) {
                SeedDocument.Ifc f = list.get(i);
                String path = "ifcs[" + i + "]";
                if (blank(f.id())) {
                    problem(path + ".id", "required");
                    continue;
                }
                int priority = f.priority() == null ? 0 : f.priority();
                if (priority < 0) {
                    problem(path + ".priority", "must be >= 0");
                }
                Integer part = f.profilePartIndicator();
                if (part != null && part != InitialFilterCriteria.PROFILE_PART_REGISTERED
                        && part != InitialFilterCriteria.PROFILE_PART_UNREGISTERED) {
                    problem(path + ".profilePartIndicator", "must be 0 (REGISTERED) or 1 (UNREGISTERED)");
                }
                TriggerPoint trigger = f.triggerPoint() == null ? null
                        : triggerPoint(f.triggerPoint(), path + ".triggerPoint");
                ApplicationServer server = applicationServer(f.applicationServer(), path + ".applicationServer");
                if (ifcs.putIfAbsent(f.id(), new InitialFilterCriteria(f.id(), priority, trigger, server, part)) != null) {
                    problem(path + ".id", "duplicate id " + f.id());
                }
            }
        }

        private TriggerPoint triggerPoint(SeedDocument.TriggerPoint tp, String path) {
            List<SeedDocument.Spt> list = orEmpty(tp.spts());
            if (list.isEmpty()) {
                problem(path + ".spts", "at least one service point trigger is required");
            }
            List<ServicePointTrigger> spts = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                ServicePointTrigger spt = spt(list.get(i), path + ".spts[" + i + "]");
                if (spt != null) {
                    spts.add(spt);
                }
            }
            return new TriggerPoint(Boolean.TRUE.equals(tp.conditionTypeCnf()), spts);
        }

        private ServicePointTrigger spt(SeedDocument.Spt s, String path) {
            List<Integer> groups = s.groups() == null ? List.of(0) : s.groups();
            if (groups.isEmpty()) {
                problem(path + ".groups", "at least one group is required");
            }
            nonNegative(groups, path + ".groups");
            int conditions = (s.requestUri() != null ? 1 : 0) + (s.method() != null ? 1 : 0)
                    + (s.sipHeader() != null ? 1 : 0) + (s.sessionCase() != null ? 1 : 0)
                    + (s.sessionDescription() != null ? 1 : 0);
            if (conditions != 1) {
                problem(path, "needs exactly one of requestUri, method, sipHeader, sessionCase, sessionDescription");
                return null;
            }
            if (s.registrationTypes() != null && s.method() == null) {
                problem(path + ".registrationTypes", "only allowed with method REGISTER");
            }
            ServicePointTrigger.Condition condition;
            if (s.requestUri() != null) {
                if (s.requestUri().isBlank()) {
                    problem(path + ".requestUri", "must not be blank");
                }
                condition = new ServicePointTrigger.RequestUri(s.requestUri());
            } else if (s.method() != null) {
                if (s.method().isBlank()) {
                    problem(path + ".method", "must not be blank");
                }
                List<Integer> types = orEmpty(s.registrationTypes());
                // TS 29.228 Annex B: RegistrationType qualifies a REGISTER method trigger only.
                if (!types.isEmpty() && !"REGISTER".equalsIgnoreCase(s.method())) {
                    problem(path + ".registrationTypes", "only allowed with method REGISTER");
                }
                for (int i = 0; i < types.size(); i++) {
                    if (types.get(i) == null || types.get(i) < 0 || types.get(i) > 2) {
                        problem(path + ".registrationTypes[" + i + "]",
                                "must be 0 (INITIAL), 1 (RE-REGISTRATION) or 2 (DE-REGISTRATION)");
                    }
                }
                condition = new ServicePointTrigger.Method(s.method(), types);
            } else if (s.sipHeader() != null) {
                if (blank(s.sipHeader().header())) {
                    problem(path + ".sipHeader.header", "required");
                }
                regex(s.sipHeader().content(), path + ".sipHeader.content");
                condition = new ServicePointTrigger.SipHeader(s.sipHeader().header(), s.sipHeader().content());
            } else if (s.sessionCase() != null) {
                if (s.sessionCase() < 0 || s.sessionCase() > 4) {
                    problem(path + ".sessionCase", "must be 0..4 (TS 29.228 Annex B SessionCase)");
                }
                condition = new ServicePointTrigger.SessionCase(s.sessionCase());
            } else {
                if (blank(s.sessionDescription().line())) {
                    problem(path + ".sessionDescription.line", "required");
                }
                regex(s.sessionDescription().content(), path + ".sessionDescription.content");
                condition = new ServicePointTrigger.SessionDescription(s.sessionDescription().line(),
                        s.sessionDescription().content());
            }
            return new ServicePointTrigger(Boolean.TRUE.equals(s.conditionNegated()), groups, condition);
        }

        private void regex(String value, String path) {
            if (value != null) {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    problem(path, "not a regular expression: " + e.getDescription());
                }
            }
        }

        private ApplicationServer applicationServer(SeedDocument.ApplicationServer as, String path) {
            if (as == null) {
                problem(path, "required");
                return null;
            }
            if (blank(as.serverName())) {
                problem(path + ".serverName", "required");
            }
            int handling = as.defaultHandling() == null ? ApplicationServer.SESSION_CONTINUED : as.defaultHandling();
            if (handling != ApplicationServer.SESSION_CONTINUED && handling != ApplicationServer.SESSION_TERMINATED) {
                problem(path + ".defaultHandling", "must be 0 (SESSION_CONTINUED) or 1 (SESSION_TERMINATED)");
            }
            return new ApplicationServer(as.serverName(), handling, as.serviceInfo(),
                    Boolean.TRUE.equals(as.includeRegisterRequest()), Boolean.TRUE.equals(as.includeRegisterResponse()));
        }

        private void ifcReferences(List<String> ids, String path) {
            for (int i = 0; i < ids.size(); i++) {
                if (ifc(ids.get(i)) == null) {
                    problem(path + "[" + i + "]", "unknown iFC " + ids.get(i));
                }
            }
        }

        private void sharedIfcSets() {
            List<SeedDocument.SharedIfcSet> list = orEmpty(doc.sharedIfcSets());
            for (int i = 0; i < list.size(); i++) {
                SeedDocument.SharedIfcSet s = list.get(i);
                String path = "sharedIfcSets[" + i + "]";
                if (s.id() == null || s.id() < 0) {
                    problem(path + ".id", "required, an integer >= 0");
                    continue;
                }
                List<String> ids = orEmpty(s.ifcs());
                ifcReferences(ids, path + ".ifcs");
                if (sharedSets.putIfAbsent(s.id(), new SharedIfcSet(s.id(), s.name(), ids)) != null) {
                    problem(path + ".id", "duplicate id " + s.id());
                }
            }
        }

        private void serviceProfiles() {
            List<SeedDocument.ServiceProfile> list = orEmpty(doc.serviceProfiles());
            for (int i = 0; i < list.size(); i++) {
                SeedDocument.ServiceProfile p = list.get(i);
                String path = "serviceProfiles[" + i + "]";
                if (blank(p.id())) {
                    problem(path + ".id", "required");
                    continue;
                }
                List<String> ifcIds = orEmpty(p.ifcs());
                ifcReferences(ifcIds, path + ".ifcs");
                // TS 29.228 Annex B.2.2: Priority is unique among the iFCs of one service profile.
                Map<Integer, String> priorities = new HashMap<>();
                for (int j = 0; j < ifcIds.size(); j++) {
                    InitialFilterCriteria ifc = ifc(ifcIds.get(j));
                    if (ifc != null) {
                        String clash = priorities.putIfAbsent(ifc.priority(), ifc.id());
                        if (clash != null) {
                            problem(path + ".ifcs[" + j + "]", "priority " + ifc.priority()
                                    + " already used by iFC " + clash + " in this profile");
                        }
                    }
                }
                List<Integer> shared = orEmpty(p.sharedIfcSets());
                for (int j = 0; j < shared.size(); j++) {
                    if (shared.get(j) == null
                            || !sharedSets.containsKey(shared.get(j)) && !stored.sharedIfcSet(shared.get(j))) {
                        problem(path + ".sharedIfcSets[" + j + "]", "unknown shared iFC set " + shared.get(j));
                    }
                }
                if (p.subscribedMediaProfileId() != null && p.subscribedMediaProfileId() < 0) {
                    problem(path + ".subscribedMediaProfileId", "must be >= 0");
                }
                if (profiles.putIfAbsent(p.id(), new ServiceProfile(p.id(), ifcIds, shared,
                        p.subscribedMediaProfileId())) != null) {
                    problem(path + ".id", "duplicate id " + p.id());
                }
            }
        }

        /** A public identity of one subscription before its IMPIs and implicit set are known. */
        private record PublicDraft(SeedDocument.PublicId source, String key, IdentityType type, String path) {
        }

        private void subscription(SeedDocument.Subscription s, String path) {
            if (blank(s.id())) {
                problem(path + ".id", "required");
                return;
            }
            String id = s.id();
            if (!subscriptionIds.add(id)) {
                problem(path + ".id", "duplicate subscription id " + id);
            }
            if (s.chargingInformation() != null && !charging.containsKey(s.chargingInformation())
                    && !stored.chargingInformation(s.chargingInformation())) {
                problem(path + ".chargingInformation", "unknown charging information " + s.chargingInformation());
            }
            nonNegative(orEmpty(s.mandatoryCapabilities()), path + ".mandatoryCapabilities");
            nonNegative(orEmpty(s.optionalCapabilities()), path + ".optionalCapabilities");

            Map<String, PublicDraft> drafts = publicIdentities(id, orEmpty(s.publicIdentities()), path);

            Map<String, List<String>> impisOf = new HashMap<>();
            List<String> subscriptionImpis = new ArrayList<>();
            List<SeedDocument.PrivateId> privates = orEmpty(s.privateIdentities());
            for (int i = 0; i < privates.size(); i++) {
                PrivateIdentity impi = privateIdentity(id, privates.get(i), drafts,
                        path + ".privateIdentities[" + i + "]");
                if (impi != null) {
                    subscriptionImpis.add(impi.impi());
                    privateIdentities.add(impi);
                    for (String impu : impi.publicIdentities()) {
                        impisOf.computeIfAbsent(impu, k -> new ArrayList<>()).add(impi.impi());
                    }
                }
            }
            // A user identity is registered by a UE authenticating with a private identity (TS 23.228
            // 4.3.3.4); only PSIs may live in a subscription of their own without one.
            for (PublicDraft draft : drafts.values()) {
                if (!draft.type().isPsi() && !impisOf.containsKey(draft.key())) {
                    problem(draft.path() + ".identity", "public user identity " + draft.key()
                            + " is not listed by any private identity of the subscription");
                }
            }

            Map<String, String> setOf = implicitSets(id, s, drafts, path);

            for (PublicDraft draft : drafts.values()) {
                SeedDocument.PublicId p = draft.source();
                publicIdentities.add(new PublicIdentity(draft.key(), draft.type(), id, setOf.get(draft.key()),
                        p.serviceProfile(), Boolean.TRUE.equals(p.barred()), p.displayName(), p.aliasGroup(),
                        p.psiActivated() == null || p.psiActivated(), p.psiAsName(),
                        impisOf.getOrDefault(draft.key(), List.of()), msisdn(p.msisdn(), draft.path())));
            }
            List<String> visited = orEmpty(s.allowedVisitedNetworks());
            for (int i = 0; i < visited.size(); i++) {
                if (blank(visited.get(i))) {
                    problem(path + ".allowedVisitedNetworks[" + i + "]", "must not be blank");
                }
            }
            subscriptions.add(new ImsSubscription(id, subscriptionImpis,
                    Set.copyOf(orEmpty(s.mandatoryCapabilities())), Set.copyOf(orEmpty(s.optionalCapabilities())),
                    orEmpty(s.preferredScscfs()), visited, s.chargingInformation(),
                    Boolean.TRUE.equals(s.looseRouteRequired()), List.copyOf(new LinkedHashSet<>(setOf.values()))));
        }

        /** The key an identity is stored and referenced by: normalised, or a wildcard as written. */
        private static String identityKey(String identity) {
            return Identities.isWildcard(identity) ? identity.trim() : Identities.normalise(identity);
        }

        private Map<String, PublicDraft> publicIdentities(String subscriptionId, List<SeedDocument.PublicId> list,
                String subscriptionPath) {
            Map<String, PublicDraft> drafts = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                SeedDocument.PublicId p = list.get(i);
                String path = subscriptionPath + ".publicIdentities[" + i + "]";
                if (blank(p.identity())) {
                    problem(path + ".identity", "required");
                    continue;
                }
                IdentityType type = IdentityType.PUBLIC_USER_IDENTITY;
                if (p.type() != null) {
                    try {
                        type = IdentityType.valueOf(p.type());
                    } catch (IllegalArgumentException e) {
                        problem(path + ".type", "unknown identity type " + p.type() + ", expected one of "
                                + List.of(IdentityType.values()));
                        continue;
                    }
                }
                String identity = p.identity().trim();
                String lower = identity.toLowerCase(Locale.ROOT);
                boolean wildcard = Identities.isWildcard(identity);
                if (!lower.startsWith("sip:") && !lower.startsWith("sips:") && !lower.startsWith("tel:")) {
                    problem(path + ".identity", "must be a sip:, sips: or tel: URI");
                } else if (!wildcard && !uriSyntax(identity)) {
                    problem(path + ".identity", lower.startsWith("tel:")
                            ? "not a tel URI: a global number +digits, or a local number with phone-context (RFC 3966)"
                            : "not a SIP URI: [user@]host[:port][;parameters] (RFC 3261 19.1)");
                }
                // TS 23.003 13.5: the !...! regular expression marks a wildcarded PSI or IMPU.
                if (wildcard && !type.isWildcard()) {
                    problem(path + ".type", "a wildcard identity needs type WILDCARDED_PSI or WILDCARDED_IMPU");
                } else if (!wildcard && type.isWildcard()) {
                    problem(path + ".identity", "type " + type + " needs a wildcard (a regular expression between '!')");
                }
                if (wildcard) {
                    try {
                        Identities.wildcardPattern(identity);
                    } catch (IllegalArgumentException e) {
                        problem(path + ".identity", "invalid wildcard: " + e.getMessage());
                    }
                }
                if (blank(p.serviceProfile())) {
                    problem(path + ".serviceProfile", "required");
                } else if (!profiles.containsKey(p.serviceProfile()) && !stored.serviceProfile(p.serviceProfile())) {
                    problem(path + ".serviceProfile", "unknown service profile " + p.serviceProfile());
                }
                if (p.psiAsName() != null && !type.isPsi()) {
                    problem(path + ".psiAsName", "only allowed for a PSI");
                }
                if (p.psiActivated() != null && !type.isPsi()) {
                    problem(path + ".psiActivated", "only allowed for a PSI");
                }
                String key = identityKey(identity);
                String owner = identityOwner.putIfAbsent(key, subscriptionId);
                if (owner != null) {
                    problem(path + ".identity", "duplicate public identity " + key
                            + (owner.equals(subscriptionId) ? "" : " (already in subscription " + owner + ")"));
                    continue;
                }
                drafts.put(key, new PublicDraft(p, key, type, path));
            }
            return drafts;
        }

        /** E.164 digits, an optional leading '+' dropped (TS 23.003 3.3). */
        private String msisdn(String msisdn, String path) {
            if (msisdn == null) {
                return null;
            }
            String digits = msisdn.trim().startsWith("+") ? msisdn.trim().substring(1) : msisdn.trim();
            if (!MSISDN.matcher(digits).matches()) {
                problem(path + ".msisdn", "must be 1 to 15 digits, optionally with a leading '+'");
                return null;
            }
            if (!msisdns.add(digits)) {
                problem(path + ".msisdn", "duplicate MSISDN " + digits);
            }
            return digits;
        }

        private PrivateIdentity privateIdentity(String subscriptionId, SeedDocument.PrivateId p,
                Map<String, PublicDraft> drafts, String path) {
            if (blank(p.impi())) {
                problem(path + ".impi", "required");
                return null;
            }
            String impi = Identities.normalise(p.impi());
            if (!impis.add(impi)) {
                problem(path + ".impi", "duplicate private identity " + impi);
            }
            String realm = p.realm() != null ? p.realm() : doc.realm();
            if (p.realm() != null && p.realm().isBlank()) {
                problem(path + ".realm", "must not be blank");
            }

            KeptCredentials kept = current(stored.kept(impi), impi, path);
            boolean keptDigest = kept != null && kept.digest() != null && p.password() == null && p.ha1() == null;
            boolean keptAka = kept != null && kept.aka() != null && p.k() == null && p.op() == null
                    && p.opc() == null && p.amf() == null;
            boolean keptPassword = kept != null && kept.sealedPassword() != null && p.password() == null;
            DigestCredentials digest = null;
            if (keptDigest) {
                digest = new DigestCredentials(p.realm() != null ? p.realm() : kept.digest().realm(),
                        kept.digest().ha1());
            } else if (p.password() != null && p.ha1() != null) {
                problem(path + ".ha1", "give password or ha1, not both");
            } else if (p.password() != null || p.ha1() != null) {
                String field = p.password() != null ? ".password" : ".ha1";
                if (blank(realm)) {
                    problem(path + field, "SIP Digest needs a realm: set realm here or at the top level");
                } else if (p.password() != null) {
                    if (p.password().isEmpty()) {
                        problem(path + ".password", "must not be empty");
                    } else {
                        digest = DigestCredentials.seal(sealer, impi, realm, ha1(impi, realm, p.password()));
                    }
                } else if (!HEX32.matcher(p.ha1()).matches()) {
                    problem(path + ".ha1", "must be 32 hex digits");
                } else {
                    digest = DigestCredentials.seal(sealer, impi, realm, p.ha1().toLowerCase(Locale.ROOT));
                }
            }

            AkaCredentials aka = keptAka ? kept.aka() : aka(impi, p, path);
            boolean cleartext = Boolean.TRUE.equals(p.cleartextPassword());
            SealedSecret sealed = !cleartext ? null : keptPassword ? kept.sealedPassword() : sealedPassword(impi, p, path);
            address(p, path);
            // Schemes follow the credentials given, valid or not: a bad key is reported once, at the key.
            boolean hasDigest = p.password() != null || p.ha1() != null || keptDigest;
            boolean hasAka = p.k() != null || keptAka;
            boolean hasPassword = p.password() != null || keptPassword;

            Set<String> allowed = new LinkedHashSet<>();
            if (p.authSchemes() == null) {
                for (String scheme : DEFAULT_SCHEMES) {
                    if (supported(scheme, hasDigest, hasAka, hasPassword, p)) {
                        allowed.add(scheme);
                    }
                }
                if (allowed.isEmpty()) {
                    problem(path, "no credentials: give password or ha1 (SIP Digest), k (IMS-AKA) or authSchemes");
                }
            } else {
                if (p.authSchemes().isEmpty()) {
                    problem(path + ".authSchemes", "at least one scheme is required");
                }
                for (int i = 0; i < p.authSchemes().size(); i++) {
                    String scheme = canonicalScheme(p.authSchemes().get(i));
                    String at = path + ".authSchemes[" + i + "]";
                    if (scheme == null) {
                        problem(at, "unknown scheme " + p.authSchemes().get(i) + ", expected one of " + KNOWN_SCHEMES);
                    } else if (!supported(scheme, hasDigest, hasAka, hasPassword, p)) {
                        problem(at, scheme + " needs " + requirement(scheme));
                    } else {
                        allowed.add(scheme);
                    }
                }
            }
            String defaultScheme;
            if (p.defaultScheme() != null) {
                defaultScheme = canonicalScheme(p.defaultScheme());
                if (defaultScheme == null || !allowed.contains(defaultScheme)) {
                    problem(path + ".defaultScheme", p.defaultScheme() + " is not one of the allowed schemes " + allowed);
                }
            } else if (allowed.contains(SIP_DIGEST)) {
                defaultScheme = SIP_DIGEST;
            } else if (allowed.contains(AKA_V1)) {
                defaultScheme = AKA_V1;
            } else {
                defaultScheme = allowed.isEmpty() ? null : allowed.iterator().next();
            }

            List<String> impus = new ArrayList<>();
            List<String> listed = orEmpty(p.publicIdentities());
            for (int i = 0; i < listed.size(); i++) {
                String ref = listed.get(i);
                String key = ref == null ? null : identityKey(ref);
                if (key == null || !drafts.containsKey(key)) {
                    problem(path + ".publicIdentities[" + i + "]", "public identity " + ref
                            + " is not defined in this subscription's publicIdentities");
                } else if (!impus.contains(key)) {
                    impus.add(key);
                }
            }
            return new PrivateIdentity(impi, subscriptionId, impus,
                    new AuthProfile(allowed, defaultScheme, digest, aka, p.lineIdentifier(),
                            p.ipAddress() == null ? null : p.ipAddress().trim(), cleartext, sealed));
        }

        /**
         * Kept credentials under the active key: a write never puts back a value under an older key that a rotation
         * running meanwhile has just re-sealed. Null (with a problem) if one does not open.
         */
        private KeptCredentials current(KeptCredentials kept, String impi, String path) {
            if (kept == null) {
                return null;
            }
            try {
                return new KeptCredentials(kept.digest() == null ? null : kept.digest().resealed(sealer, impi),
                        kept.aka() == null ? null : kept.aka().resealed(sealer, impi),
                        kept.sealedPassword() == null || !sealer.sealing() ? kept.sealedPassword()
                                : sealer.reseal(impi, Keyring.Field.PASSWORD, kept.sealedPassword()));
            } catch (Keyring.SecretUnavailableException e) {
                problem(path, "the stored credentials cannot be kept: " + e.getMessage());
                return null;
            }
        }

        /** Digest-MD5 hands the password to the S-CSCF, so it is kept, but only encrypted (see Keyring). */
        private SealedSecret sealedPassword(String impi, SeedDocument.PrivateId p, String path) {
            if (p.password() == null || p.password().isEmpty()) {
                problem(path + ".cleartextPassword", "needs password (an ha1 cannot give the password back)");
                return null;
            }
            if (!sealer.sealing()) {
                problem(path + ".cleartextPassword", "the password would be kept, but no key to encrypt it is "
                        + "configured (" + PASSWORD_KEY_SETTING + ")");
                return null;
            }
            return sealer.seal(impi, Keyring.Field.PASSWORD, p.password());
        }

        private void address(SeedDocument.PrivateId p, String path) {
            if (p.lineIdentifier() != null && p.lineIdentifier().isBlank()) {
                problem(path + ".lineIdentifier", "must not be blank");
            }
            if (p.ipAddress() != null && !IpAddresses.valid(p.ipAddress().trim())) {
                problem(path + ".ipAddress", "must be an IPv4 address, an IPv6 address or an IPv6 prefix "
                        + "(address/length)");
            }
        }

        private AkaCredentials aka(String impi, SeedDocument.PrivateId p, String path) {
            if (p.k() == null) {
                for (String[] field : new String[][] {{"op", p.op()}, {"opc", p.opc()}, {"amf", p.amf()}}) {
                    if (field[1] != null) {
                        problem(path + "." + field[0], "only allowed together with k");
                    }
                }
                return null;
            }
            boolean ok = true;
            if (!HEX32.matcher(p.k()).matches()) {
                problem(path + ".k", "must be 32 hex digits");
                ok = false;
            }
            if (p.op() != null && p.opc() != null) {
                problem(path + ".opc", "give op or opc, not both");
                ok = false;
            } else if (p.op() == null && p.opc() == null) {
                problem(path + ".k", "IMS-AKA needs op or opc as well");
                ok = false;
            } else if (p.op() != null && !HEX32.matcher(p.op()).matches()) {
                problem(path + ".op", "must be 32 hex digits");
                ok = false;
            } else if (p.opc() != null && !HEX32.matcher(p.opc()).matches()) {
                problem(path + ".opc", "must be 32 hex digits");
                ok = false;
            }
            String amf = p.amf() == null ? DEFAULT_AMF : p.amf();
            if (!HEX4.matcher(amf).matches()) {
                problem(path + ".amf", "must be 4 hex digits");
                ok = false;
            }
            if (!ok) {
                return null;
            }
            byte[] k = HEX.parseHex(p.k());
            byte[] opc = p.op() != null ? opc(k, HEX.parseHex(p.op())) : HEX.parseHex(p.opc());
            try {
                return AkaCredentials.seal(sealer, impi, k, opc, HEX.parseHex(amf));
            } finally {
                java.util.Arrays.fill(k, (byte) 0);
                java.util.Arrays.fill(opc, (byte) 0);
            }
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

        private static boolean supported(String scheme, boolean hasDigest, boolean hasAka, boolean hasPassword,
                SeedDocument.PrivateId p) {
            return switch (scheme) {
                case SIP_DIGEST, HTTP_DIGEST_MD5 -> hasDigest;
                case DIGEST_MD5 -> Boolean.TRUE.equals(p.cleartextPassword()) && hasPassword;
                case AKA_V1, AKA_V2 -> hasAka;
                case NASS_BUNDLED -> p.lineIdentifier() != null;
                case EARLY_IMS -> p.ipAddress() != null;
                default -> false;
            };
        }

        private static String requirement(String scheme) {
            return switch (scheme) {
                case SIP_DIGEST, HTTP_DIGEST_MD5 -> "password or ha1";
                case DIGEST_MD5 -> "password and cleartextPassword: true";
                case AKA_V1, AKA_V2 -> "k with op or opc";
                case NASS_BUNDLED -> "lineIdentifier";
                default -> "ipAddress";
            };
        }

        /** Returns the implicit set id of every public identity of the subscription. */
        private Map<String, String> implicitSets(String subscriptionId, SeedDocument.Subscription s,
                Map<String, PublicDraft> drafts, String path) {
            Map<String, String> setOf = new HashMap<>();
            List<SeedDocument.ImplicitSet> listed = orEmpty(s.implicitRegistrationSets());
            for (int i = 0; i < listed.size(); i++) {
                SeedDocument.ImplicitSet set = listed.get(i);
                String setPath = path + ".implicitRegistrationSets[" + i + "]";
                String memberPath = set.id() == null ? setPath : setPath + ".publicIdentities";
                String setId = set.id() != null ? set.id() : subscriptionId + "/" + i;
                if (!setIds.add(setId)) {
                    problem(setPath, "duplicate implicit registration set id " + setId);
                }
                List<String> members = orEmpty(set.publicIdentities());
                if (members.isEmpty()) {
                    problem(memberPath, "an implicit registration set needs at least one public identity");
                }
                List<String> keys = new ArrayList<>();
                for (int j = 0; j < members.size(); j++) {
                    String ref = members.get(j);
                    String key = ref == null ? null : identityKey(ref);
                    String at = memberPath + "[" + j + "]";
                    if (key == null || !drafts.containsKey(key)) {
                        problem(at, "public identity " + ref + " is not defined in this subscription's publicIdentities");
                        continue;
                    }
                    // TS 23.228 5.2.1a: a public identity belongs to at most one implicit registration set.
                    String previous = setOf.putIfAbsent(key, setId);
                    if (previous != null) {
                        problem(at, "public identity " + key + " is already in implicit registration set " + previous);
                        continue;
                    }
                    keys.add(key);
                }
                implicitSets.add(new ImplicitRegistrationSet(setId, subscriptionId, keys));
            }
            int next = listed.size();
            for (String key : drafts.keySet()) {
                if (!setOf.containsKey(key)) {
                    String setId = subscriptionId + "/" + next++;
                    while (!setIds.add(setId)) {
                        setId = subscriptionId + "/" + next++;
                    }
                    setOf.put(key, setId);
                    implicitSets.add(new ImplicitRegistrationSet(setId, subscriptionId, List.of(key)));
                }
            }
            return setOf;
        }
    }
}
