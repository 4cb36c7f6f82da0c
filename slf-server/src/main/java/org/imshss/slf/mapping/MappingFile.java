package org.imshss.slf.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a JSON file of HSS targets and mappings:
 * <pre>
 * { "targets":  [ { "name": "hss-a", "realm": "ims.example.org",
 *                   "hosts": [ { "identity": "hss1.ims.example.org", "port": 3868, "address": "192.0.2.1" } ] } ],
 *   "mappings": [ { "type": "identity", "key": "sip:alice@ims.example.org", "target": "hss-a" },
 *                 { "type": "range", "from": "+15550100", "to": "+15550199", "target": "hss-a" },
 *                 { "type": "default", "target": "hss-a" } ] }
 * </pre>
 * Types: identity, pattern, range, prefix, domain, default. An error names the entry and field.
 */
public final class MappingFile {

    /** The parsed content. */
    public record Content(List<HssTarget> targets, List<Mapping> mappings) {
        public Content {
            targets = List.copyOf(targets);
            mappings = List.copyOf(mappings);
        }
    }

    record HostDoc(String identity, Integer port, String address) {
    }

    record TargetDoc(String name, String realm, List<HostDoc> hosts) {
    }

    record MappingDoc(String type, String key, String from, String to, String target) {
    }

    record Document(List<TargetDoc> targets, List<MappingDoc> mappings) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MappingFile() {
    }

    public static Content read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** @param source names the input in error messages */
    public static Content read(InputStream in, String source) throws IOException {
        Document doc;
        try {
            doc = JSON.readValue(in, Document.class);
        } catch (JsonProcessingException e) {
            throw new InvalidMappingException(source, "not a mapping file: " + e.getOriginalMessage());
        }
        List<HssTarget> targets = new ArrayList<>();
        List<TargetDoc> targetDocs = doc.targets() == null ? List.of() : doc.targets();
        for (int i = 0; i < targetDocs.size(); i++) {
            targets.add(target(targetDocs.get(i), "targets[" + i + "]"));
        }
        List<Mapping> mappings = new ArrayList<>();
        List<MappingDoc> mappingDocs = doc.mappings() == null ? List.of() : doc.mappings();
        for (int i = 0; i < mappingDocs.size(); i++) {
            mappings.add(mapping(mappingDocs.get(i), "mappings[" + i + "]"));
        }
        return new Content(targets, mappings);
    }

    static HssTarget target(TargetDoc doc, String path) {
        List<HssHost> hosts = new ArrayList<>();
        List<HostDoc> hostDocs = doc.hosts() == null ? List.of() : doc.hosts();
        for (int i = 0; i < hostDocs.size(); i++) {
            HostDoc host = hostDocs.get(i);
            String hostPath = path + ".hosts[" + i + "]";
            hosts.add(within(hostPath, () -> new HssHost(host.identity(),
                    host.port() == null ? HssHost.DEFAULT_PORT : host.port(), host.address())));
        }
        return within(path, () -> new HssTarget(doc.name(), doc.realm(), hosts));
    }

    static Mapping mapping(MappingDoc doc, String path) {
        MappingKind kind = within(path, () -> kind(doc.type()));
        return within(path, () -> switch (kind) {
            case RANGE -> Mapping.range(doc.from(), doc.to(), doc.target());
            default -> new Mapping(kind, doc.key(), doc.to(), doc.target());
        });
    }

    /** A kind by its name in the file or the API: identity, pattern, range, prefix, domain, default. */
    public static MappingKind kind(String type) {
        if (type == null || type.isBlank()) {
            throw new InvalidMappingException("type", "required");
        }
        try {
            return MappingKind.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidMappingException("type", "'" + type + "' is none of identity, pattern, range, prefix,"
                    + " domain, default");
        }
    }

    private interface Build<T> {
        T get();
    }

    private static <T> T within(String path, Build<T> build) {
        try {
            return build.get();
        } catch (InvalidMappingException e) {
            String field = e.field().startsWith(path) ? e.field() : path + "." + e.field();
            throw new InvalidMappingException(field, e.getMessage().substring(e.field().length() + 2));
        }
    }
}
