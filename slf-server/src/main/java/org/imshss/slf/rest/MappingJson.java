package org.imshss.slf.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingKind;

/** The JSON shapes of the mapping API: the same fields as the mapping file. */
final class MappingJson {

    private MappingJson() {
    }

    /**
     * A mapping: {@code type} identity, pattern, range, prefix, domain or default; {@code key} (for a range
     * {@code from} and {@code to}); {@code target} the HSS name.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MappingBody(String type, String key, String from, String to, String target) {

        static MappingBody of(Mapping mapping) {
            String type = mapping.kind().name().toLowerCase(Locale.ROOT);
            return switch (mapping.kind()) {
                case RANGE -> new MappingBody(type, null, "+" + mapping.key(), "+" + mapping.to(), mapping.target());
                case PREFIX -> new MappingBody(type, "+" + mapping.key(), null, null, mapping.target());
                case DEFAULT -> new MappingBody(type, null, null, null, mapping.target());
                default -> new MappingBody(type, mapping.key(), null, null, mapping.target());
            };
        }

        Mapping toMapping(MappingKind kind) {
            return kind == MappingKind.RANGE ? Mapping.range(from, to, target) : new Mapping(kind, key, to, target);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HostBody(String identity, Integer port, String address) {
    }

    record TargetBody(String name, String realm, List<HostBody> hosts) {

        static TargetBody of(HssTarget target) {
            return new TargetBody(target.name(), target.realm(), target.hosts().stream()
                    .map(h -> new HostBody(h.identity(), h.port(), h.address())).toList());
        }
    }

    static HssTarget toTarget(String name, TargetBody body) {
        List<HostBody> hosts = body.hosts() == null ? List.of() : body.hosts();
        List<HssHost> converted = new java.util.ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            HostBody host = hosts.get(i);
            String path = "hosts[" + i + "]";
            converted.add(Errors.within(path, () -> new HssHost(host.identity(),
                    host.port() == null ? HssHost.DEFAULT_PORT : host.port(), host.address())));
        }
        return Errors.within("", () -> new HssTarget(name, body.realm(), converted));
    }
}
