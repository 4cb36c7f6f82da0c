package org.imshss.provisioning.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the domain records into the bytes the grid stores, and back. Ignite's binary marshaller cannot
 * build records (it cannot set their final fields), so values are Jackson Smile: compact, binary (byte
 * arrays such as AKA keys stay raw) and tolerant of schema change — unknown fields are skipped and a
 * collection missing from older data reads as empty, so stored data survives upgrades.
 * Thread-safe; readers and writers are built once per class.
 */
public final class RecordCodec {

    private static final RecordCodec SHARED = new RecordCodec();

    private final ClassValue<ObjectReader> readers;
    private final ClassValue<ObjectWriter> writers;

    public RecordCodec() {
        JsonSetter.Value emptyForNull = JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY);
        SmileMapper mapper = SmileMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Records expose helpers such as isEmpty(); only record components are data.
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .withConfigOverride(List.class, o -> o.setSetterInfo(emptyForNull))
                .withConfigOverride(Set.class, o -> o.setSetterInfo(emptyForNull))
                .withConfigOverride(Map.class, o -> o.setSetterInfo(emptyForNull))
                // Generated accessors instead of reflection: decoding is on every request's path.
                .addModule(new BlackbirdModule())
                .build();
        readers = new ClassValue<>() {
            @Override
            protected ObjectReader computeValue(Class<?> type) {
                return mapper.readerFor(type);
            }
        };
        writers = new ClassValue<>() {
            @Override
            protected ObjectWriter computeValue(Class<?> type) {
                return mapper.writerFor(type);
            }
        };
    }

    /** One codec per JVM for code that cannot be handed one (an entry processor deserialized on another node). */
    public static RecordCodec shared() {
        return SHARED;
    }

    public byte[] encode(Object value) {
        try {
            return writers.get(value.getClass()).writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** @return null for null bytes */
    public <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            return null;
        }
        try {
            return readers.get(type).readValue(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }
}
