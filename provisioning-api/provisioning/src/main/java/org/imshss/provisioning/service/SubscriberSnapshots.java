package org.imshss.provisioning.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.DigestCredentials;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.SealedSecret;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.seed.WrittenForms;
import org.imshss.provisioning.store.ProvisioningStore;
import org.imshss.provisioning.store.SubscriberRecords;

/**
 * Reads a subscriber's stored records back as one document (credentials left out), with its entity tag, and
 * tells which JSON paths differ between two versions (for the audit trail: names, never values). The entity tag
 * is the subscriber's version, never derived from what is stored: a hash of credentials, sealed or not, would be
 * an offline guessing oracle for anyone allowed to read.
 */
final class SubscriberSnapshots {

    private static final int MAX_AUDITED_CHANGES = 50;

    private final ProvisioningStore store;
    /** The store's reads, which may answer from this node's decoded copies: enough for a GET. */
    private final SubscriberRecords cached;
    private final ObjectMapper canonical = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    SubscriberSnapshots(ProvisioningStore store) {
        this.store = store;
        this.cached = new SubscriberRecords() {
            @Override
            public Optional<PrivateIdentity> privateIdentity(String impi) {
                return store.privateIdentity(impi);
            }

            @Override
            public Optional<PublicIdentity> publicIdentity(String identity) {
                return store.publicIdentity(identity);
            }

            @Override
            public Optional<ImplicitRegistrationSet> implicitRegistrationSet(String id) {
                return store.implicitRegistrationSet(id);
            }

            @Override
            public Optional<Usim> usim(String imsi) {
                return store.eps().usim(imsi);
            }
        };
    }

    /** Everything stored for one subscriber, and its document form. */
    record Snapshot(ImsSubscription subscription, List<PrivateIdentity> privateIdentities,
            List<ImplicitRegistrationSet> sets, List<PublicIdentity> publicIdentities, List<Usim> usims,
            SeedDocument.Subscription document, String etag) {

        SubscriberProvisioning.Versioned versioned() {
            return new SubscriberProvisioning.Versioned(document, etag);
        }

        List<String> publicIdentityKeys() {
            return publicIdentities.stream().map(SubscriberSnapshots::key).toList();
        }
    }

    /** The key an identity is stored by: normalised, or a wildcard as provisioned. */
    static String key(PublicIdentity identity) {
        return identity.type().isWildcard() ? identity.identity().trim() : Identities.normalise(identity.identity());
    }

    Optional<Snapshot> snapshot(String id) {
        return snapshot(id, false);
    }

    /**
     * @param fresh whether to read every record from the grid, as a write compares and releases them, rather than
     *              this node's decoded copies (which a write through another node reaches a little later)
     */
    Optional<Snapshot> snapshot(String id, boolean fresh) {
        Optional<ImsSubscription> found = fresh ? store.storedSubscription(id) : store.subscription(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SubscriberRecords records = fresh ? store.storedRecords() : cached;
        ImsSubscription subscription = found.get();
        List<PrivateIdentity> privates = new ArrayList<>();
        Set<String> identityKeys = new LinkedHashSet<>();
        for (String impi : subscription.privateIdentities()) {
            records.privateIdentity(impi).ifPresent(p -> {
                privates.add(p);
                identityKeys.addAll(p.publicIdentities());
            });
        }
        List<ImplicitRegistrationSet> sets = new ArrayList<>();
        List<PublicIdentity> publics = new ArrayList<>();
        Set<String> setIds = new LinkedHashSet<>(subscription.implicitSetIds());
        for (String identity : identityKeys) {
            records.publicIdentity(identity).ifPresent(p -> setIds.add(p.implicitSetId()));
        }
        for (String setId : setIds) {
            records.implicitRegistrationSet(setId).filter(s -> s.subscriptionId().equals(id)).ifPresent(set -> {
                sets.add(set);
                for (String member : set.publicIdentities()) {
                    records.publicIdentity(member).ifPresent(publics::add);
                }
            });
        }
        List<Usim> usims = new ArrayList<>();
        for (String imsi : subscription.imsis()) {
            records.usim(imsi).filter(u -> u.subscriptionId().equals(id)).ifPresent(usims::add);
        }
        SeedDocument.Subscription document = document(subscription, privates, sets, publics, usims);
        return Optional.of(new Snapshot(subscription, privates, sets, publics, usims, document, etag(subscription)));
    }

    private static SeedDocument.Subscription document(ImsSubscription s, List<PrivateIdentity> privates,
            List<ImplicitRegistrationSet> sets, List<PublicIdentity> publics, List<Usim> usims) {
        List<SeedDocument.PrivateId> privateIds = new ArrayList<>();
        for (PrivateIdentity p : privates) {
            AuthProfile auth = p.auth();
            privateIds.add(new SeedDocument.PrivateId(p.impi(),
                    auth.digest() == null ? null : auth.digest().realm(), null, null, null, null, null, null,
                    auth.allowedSchemes().stream().sorted().toList(), auth.defaultScheme(), p.publicIdentities(),
                    auth.lineIdentifier(), auth.ipAddress(), auth.cleartextPasswordAllowed() ? Boolean.TRUE : null,
                    auth.usim()));
        }
        List<SeedDocument.ImplicitSet> setDocs = sets.stream()
                .map(set -> new SeedDocument.ImplicitSet(set.id(), set.publicIdentities())).toList();
        List<SeedDocument.PublicId> publicIds = new ArrayList<>();
        for (PublicIdentity p : publics) {
            publicIds.add(new SeedDocument.PublicId(p.identity(), p.type().name(), p.serviceProfileId(),
                    p.barred() ? Boolean.TRUE : null, p.displayName(), p.aliasGroupId(),
                    p.type().isPsi() ? p.psiActivated() : null, p.psiAsName(), p.msisdn()));
        }
        return new SeedDocument.Subscription(s.id(), s.allowedVisitedNetworks(), s.chargingInformationId(),
                s.mandatoryCapabilities().stream().sorted().toList(), s.optionalCapabilities().stream().sorted().toList(),
                s.preferredScscfs(), s.looseRouteRequired() ? Boolean.TRUE : null, privateIds, setDocs, publicIds,
                usims.isEmpty() ? null : usims.stream().map(WrittenForms::usim).toList());
    }

    /**
     * A strong entity tag: the version, under the incarnation of the subscriber (a subscriber deleted and created
     * again starts over at version 1 under another one, so never shows a tag it had before).
     */
    static String etag(ImsSubscription subscription) {
        String version = "v" + subscription.version();
        return subscription.incarnation() == null ? version : subscription.incarnation() + "-" + version;
    }

    /** A digest of the sealed credentials as stored, to tell a change of them; never shown. */
    private static String credentialDigest(DigestCredentials digest, AkaCredentials aka, SealedSecret password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (digest != null) {
                update(sha, digest.ha1());
            }
            if (aka != null) {
                update(sha, aka.k());
                update(sha, aka.opc());
                sha.update(aka.amf());
            }
            if (password != null) {
                update(sha, password);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, SealedSecret sealed) {
        sha.update(String.valueOf(sealed.keyId()).getBytes(StandardCharsets.UTF_8));
        sha.update(sealed.nonce());
        sha.update(sealed.ciphertext());
    }

    /** JSON paths that differ between two versions; credentials are named, never shown. */
    List<String> changes(Snapshot before, Snapshot after) {
        List<String> paths = new ArrayList<>();
        diff("", canonical.valueToTree(before.document()), canonical.valueToTree(after.document()), paths);
        Map<String, String> oldCredentials = credentialDigests(before.privateIdentities());
        Map<String, String> newCredentials = credentialDigests(after.privateIdentities());
        for (Map.Entry<String, String> entry : newCredentials.entrySet()) {
            String previous = oldCredentials.get(entry.getKey());
            if (previous != null && !previous.equals(entry.getValue())) {
                paths.add("privateIdentities[" + entry.getKey() + "].credentials");
            }
        }
        Map<String, Usim> oldUsims = new LinkedHashMap<>();
        before.usims().forEach(u -> oldUsims.put(u.imsi(), u));
        for (Usim usim : after.usims()) {
            Usim previous = oldUsims.get(usim.imsi());
            if (previous != null && !credentialDigest(null, previous.aka(), null)
                    .equals(credentialDigest(null, usim.aka(), null))) {
                paths.add("usims[" + usim.imsi() + "].keys");
            }
        }
        return paths.size() > MAX_AUDITED_CHANGES ? paths.subList(0, MAX_AUDITED_CHANGES) : paths;
    }

    private static Map<String, String> credentialDigests(List<PrivateIdentity> privates) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (PrivateIdentity p : privates) {
            digests.put(p.impi(), credentialDigest(p.auth().digest(), p.auth().aka(), p.auth().sealedPassword()));
        }
        return digests;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null || !a.getNodeType().equals(b.getNodeType())) {
            if (a != b) {
                out.add(path.isEmpty() ? "$" : path);
            }
            return;
        }
        if (a.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
            }
        } else if (a.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                diff(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(path);
        }
    }
}
