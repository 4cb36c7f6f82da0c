package org.imshss.provisioning.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.service.ProvisioningException;
import org.imshss.provisioning.service.ProvisioningException.FieldError;
import org.imshss.provisioning.service.SubscriberProvisioning;

/**
 * NDJSON import and export of subscribers, streamed: neither side is held in memory. An import line is an
 * idempotent upsert; its result line says created, updated, unchanged or failed (with the field errors).
 */
final class BulkTransfer {

    private static final int EXPORT_PAGE = 500;

    private final SubscriberProvisioning subscribers;
    private final int maxLineBytes;
    private final ObjectReader reader = JsonConfiguration.MAPPER.readerFor(SeedDocument.Subscription.class);
    private final ObjectWriter writer = JsonConfiguration.MAPPER.writer();

    BulkTransfer(SubscriberProvisioning subscribers, int maxLineBytes) {
        this.subscribers = subscribers;
        this.maxLineBytes = maxLineBytes;
    }

    /** One result per input line; {@code status} is the HTTP status the line would have had on its own. */
    record LineResult(long line, String id, String result, int status, List<FieldError> errors) {
    }

    void importLines(InputStream body, OutputStream out, String actor) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        long number = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            LineResult result = importLine(number, line, actor);
            writer.writeValue(buffer, result);
            buffer.write('\n');
            if (buffer.size() >= 1 << 15) {
                buffer.writeTo(out);
                buffer.reset();
            }
        }
        buffer.writeTo(out);
        out.flush();
    }

    private LineResult importLine(long number, String line, String actor) {
        if (line.length() > maxLineBytes) {
            return new LineResult(number, null, "failed", 413,
                    List.of(new FieldError("$", "line longer than " + maxLineBytes + " characters")));
        }
        SeedDocument.Subscription document;
        try {
            document = reader.readValue(line);
        } catch (JsonMappingException e) {
            return new LineResult(number, null, "failed", 400,
                    List.of(new FieldError(JsonPaths.of(e.getPath()), e.getOriginalMessage().lines().findFirst()
                            .orElse("invalid value"))));
        } catch (JsonProcessingException e) {
            return new LineResult(number, null, "failed", 400, List.of(new FieldError("$", e.getOriginalMessage())));
        }
        if (document == null || document.id() == null || document.id().isBlank()) {
            return new LineResult(number, null, "failed", 400, List.of(new FieldError("id", "required")));
        }
        try {
            SubscriberProvisioning.Written written = subscribers.put(document.id(), document, null, actor);
            String result = written.created() ? "created" : written.changed() ? "updated" : "unchanged";
            return new LineResult(number, document.id(), result, written.created() ? 201 : 200, List.of());
        } catch (ProvisioningException e) {
            int status = switch (e.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case STALE -> 412;
            };
            return new LineResult(number, document.id(), "failed", status, e.errors());
        }
    }

    void export(String prefix, OutputStream out) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        String cursor = null;
        do {
            SubscriberProvisioning.Page page = subscribers.list(prefix, cursor, EXPORT_PAGE);
            for (SeedDocument.Subscription document : page.items()) {
                writer.writeValue(buffer, document);
                buffer.write('\n');
            }
            buffer.writeTo(out);
            buffer.reset();
            cursor = page.next();
        } while (cursor != null);
        out.flush();
    }
}
