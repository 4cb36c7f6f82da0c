package org.imshss.provisioning.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.io.output.DeferredFileOutputStream;
import org.imshss.http.JsonConfiguration;
import org.imshss.http.JsonPaths;
import org.imshss.http.ProvisioningException.FieldError;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.service.BulkImport;
import org.imshss.provisioning.service.SubscriberProvisioning;
import org.imshss.provisioning.store.InitialLoad;

/**
 * NDJSON import and export of subscribers, streamed. An import holds in memory at most two batches (the one read
 * and the one stored, each at most {@link #BATCH} lines and about {@link #BATCH_BYTES} of input), one line of at
 * most the line bound while it is read, and results up to {@link #RESULTS_IN_MEMORY} bytes (beyond, in a
 * temporary file until the request's end). An import line is an idempotent upsert; its result line says created,
 * updated, unchanged or failed (with the field errors).
 */
final class BulkTransfer {

    /** Lines imported together: one grid round trip per kind of record for the new subscribers among them. */
    private static final int BATCH = 1000;
    /** Input bytes after which a batch is stored even if shorter: 1,000 lines near the line bound would be 1 GB. */
    static final int BATCH_BYTES = 8 << 20;
    private static final String FAILED = "failed";
    /** Results held in memory while a request is read (about 70 bytes a line); more go to a temporary file. */
    static final int RESULTS_IN_MEMORY = 8 << 20;

    private final SubscriberProvisioning subscribers;
    private final BulkImport imports;
    private final int maxLineBytes;
    private final ObjectReader reader = JsonConfiguration.MAPPER.readerFor(SeedDocument.Subscription.class);
    private final ObjectWriter writer = JsonConfiguration.MAPPER.writer();

    BulkTransfer(SubscriberProvisioning subscribers, BulkImport imports, int maxLineBytes) {
        this.subscribers = subscribers;
        this.imports = imports;
        this.maxLineBytes = maxLineBytes;
    }

    /** See {@link BulkImport#initialLoad}. */
    InitialLoad initialLoad() {
        return imports.initialLoad();
    }

    /** One result per input line; {@code status} is the HTTP status the line would have had on its own. */
    record LineResult(long line, String id, String result, int status, List<FieldError> errors) {
    }

    /**
     * Reads, parses and converts the next batch while the one before it is stored (by one other thread, so
     * batches are stored one after the other, in input order): the two halves of the work use two cores.
     * Results are written in line order once their batch is stored. Unless {@code progress} is asked for, they are
     * held until the whole request has been read, in memory up to {@link #RESULTS_IN_MEMORY} bytes and in a
     * temporary file beyond: many clients (Java's HttpClient, Python's requests) read no answer before they have
     * sent their whole request, and results written to them meanwhile fill the connection, the server's write
     * blocks, it stops reading, and both sides wait. With {@code progress} (for a client that reads as it sends)
     * each batch's results go out as soon as it is stored.
     */
    void importLines(InputStream body, OutputStream out, String actor, boolean progress) throws IOException {
        BoundedLineReader lines = new BoundedLineReader(body, maxLineBytes);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        ExecutorService storer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bulk-import-store");
            thread.setDaemon(true);
            return thread;
        });
        DeferredFileOutputStream held = DeferredFileOutputStream.builder().setThreshold(RESULTS_IN_MEMORY)
                .setPrefix("hss-import-results-").setSuffix(".ndjson").get();
        OutputStream early = progress ? out : held;
        try {
            Stored inFlight = null;
            Map<Long, LineResult> results = new TreeMap<>();
            List<BulkImport.ImportLine> batch = new ArrayList<>();
            long batchBytes = 0;
            long number = 0;
            BoundedLineReader.Line line;
            while ((line = lines.next()) != null) {
                number++;
                if (!line.tooLong() && line.text().isBlank()) {
                    continue;
                }
                LineResult rejected = parse(number, line, batch);
                if (rejected != null) {
                    results.put(number, rejected);
                }
                batchBytes += line.tooLong() ? 0 : line.bytes();
                if (batch.size() == BATCH || batchBytes >= BATCH_BYTES) {
                    inFlight = submit(storer, inFlight, batch, results, buffer, early, actor);
                    batch = new ArrayList<>();
                    results = new TreeMap<>();
                    batchBytes = 0;
                }
            }
            inFlight = submit(storer, inFlight, batch, results, buffer, early, actor);
            held.close();
            held.writeTo(out);
            write(inFlight, buffer, out);
            out.flush();
        } finally {
            // A batch being stored when the client went away is stored to the end, not interrupted half way.
            storer.shutdown();
            held.close();
            if (!held.isInMemory()) {
                Files.deleteIfExists(held.getPath());
            }
        }
    }

    /** A batch being stored, with the results of its unparsable lines. */
    private record Stored(Future<List<BulkImport.ImportResult>> results, Map<Long, LineResult> rejected) {
    }

    /** Prepares the batch, writes the results of the one in flight once it is stored, and starts storing this one. */
    private Stored submit(ExecutorService storer, Stored inFlight, List<BulkImport.ImportLine> batch,
            Map<Long, LineResult> rejected, ByteArrayOutputStream buffer, OutputStream out, String actor)
            throws IOException {
        BulkImport.Prepared prepared = imports.prepare(batch);
        write(inFlight, buffer, out);
        return new Stored(storer.submit(() -> imports.store(prepared, actor)), rejected);
    }

    /** Writes the results of a stored batch, and those of the unparsable lines among it, in line order. */
    private void write(Stored stored, ByteArrayOutputStream buffer, OutputStream out) throws IOException {
        if (stored == null) {
            return;
        }
        Map<Long, LineResult> results = stored.rejected();
        for (BulkImport.ImportResult result : outcome(stored.results())) {
            ProvisioningException error = result.error();
            results.put(result.line(), new LineResult(result.line(), result.id(), result.result(),
                    error == null ? ("created".equals(result.result()) ? 201 : 200) : error.status(),
                    error == null ? List.of() : error.errors()));
        }
        for (LineResult result : results.values()) {
            writer.writeValue(buffer, result);
            buffer.write('\n');
        }
        buffer.writeTo(out);
        buffer.reset();
    }

    private static List<BulkImport.ImportResult> outcome(Future<List<BulkImport.ImportResult>> results)
            throws IOException {
        try {
            return results.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing an import batch");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Adds the line's document to the batch, or returns why it cannot be read. */
    private LineResult parse(long number, BoundedLineReader.Line line, List<BulkImport.ImportLine> batch) {
        if (line.tooLong()) {
            return new LineResult(number, null, FAILED, 413, List.of(new FieldError("$", "line longer than "
                    + maxLineBytes + " bytes (rest.max-import-line-bytes); skipped")));
        }
        SeedDocument.Subscription document;
        try {
            document = reader.readValue(line.text());
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
        batch.add(new BulkImport.ImportLine(number, document));
        return null;
    }

    void export(String prefix, OutputStream out) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        try {
            subscribers.forEach(prefix, document -> {
                try {
                    writer.writeValue(buffer, document);
                    buffer.write('\n');
                    if (buffer.size() >= 1 << 15) {
                        buffer.writeTo(out);
                        buffer.reset();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        buffer.writeTo(out);
        out.flush();
    }
}
