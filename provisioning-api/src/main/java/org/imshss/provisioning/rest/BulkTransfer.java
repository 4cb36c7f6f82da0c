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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imshss.provisioning.seed.JsonPaths;
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
    /** Lines imported together: one grid round trip per kind of record for the new subscribers among them. */
    private static final int BATCH = 1000;
    private static final String FAILED = "failed";

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
        Map<Long, LineResult> results = new TreeMap<>();
        List<SubscriberProvisioning.ImportLine> batch = new ArrayList<>();
        long number = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            LineResult rejected = parse(number, line, batch);
            if (rejected != null) {
                results.put(number, rejected);
            }
            if (batch.size() == BATCH) {
                flush(batch, results, buffer, out, actor);
            }
        }
        flush(batch, results, buffer, out, actor);
        out.flush();
    }

    /** Imports the batch and writes its results, and those of the unparsable lines among it, in line order. */
    private void flush(List<SubscriberProvisioning.ImportLine> batch, Map<Long, LineResult> results,
            ByteArrayOutputStream buffer, OutputStream out, String actor) throws IOException {
        for (SubscriberProvisioning.ImportResult result : subscribers.importBatch(batch, actor)) {
            ProvisioningException error = result.error();
            results.put(result.line(), new LineResult(result.line(), result.id(), result.result(),
                    error == null ? ("created".equals(result.result()) ? 201 : 200) : status(error),
                    error == null ? List.of() : error.errors()));
        }
        batch.clear();
        for (LineResult result : results.values()) {
            writer.writeValue(buffer, result);
            buffer.write('\n');
        }
        results.clear();
        buffer.writeTo(out);
        buffer.reset();
    }

    /** Adds the line's document to the batch, or returns why it cannot be read. */
    private LineResult parse(long number, String line, List<SubscriberProvisioning.ImportLine> batch) {
        if (line.length() > maxLineBytes) {
            return new LineResult(number, null, FAILED, 413,
                    List.of(new FieldError("$", "line longer than " + maxLineBytes + " characters")));
        }
        SeedDocument.Subscription document;
        try {
            document = reader.readValue(line);
        } catch (JsonMappingException e) {
            return new LineResult(number, null, FAILED, 400,
                    List.of(new FieldError(JsonPaths.of(e.getPath()), e.getOriginalMessage().lines().findFirst()
                            .orElse("invalid value"))));
        } catch (JsonProcessingException e) {
            return new LineResult(number, null, FAILED, 400, List.of(new FieldError("$", e.getOriginalMessage())));
        }
        if (document == null || document.id() == null || document.id().isBlank()) {
            return new LineResult(number, null, FAILED, 400, List.of(new FieldError("id", "required")));
        }
        batch.add(new SubscriberProvisioning.ImportLine(number, document));
        return null;
    }

    static int status(ProvisioningException e) {
        return switch (e.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case STALE -> 412;
        };
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
