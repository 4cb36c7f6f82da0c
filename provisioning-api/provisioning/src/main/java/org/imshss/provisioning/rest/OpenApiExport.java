package org.imshss.provisioning.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.imshss.http.RestSettings;
import org.imshss.provisioning.service.ApnProfileProvisioning;
import org.imshss.provisioning.service.EpsAdministration;
import org.imshss.provisioning.service.SecretRotation;

/**
 * Writes the OpenAPI document an HSS serves to a file, without starting one, for a client generator at build
 * time. It is built by the code that serves it, from the same resource classes: the document depends on the
 * classes alone, so the resources are made with nothing behind them and never called.
 */
public final class OpenApiExport {

    private OpenApiExport() {
    }

    /** The document as {@code GET /api/v1/openapi.json} of an HSS answers it. */
    public static String hssDocument() {
        ProvisioningApi.Services none = new ProvisioningApi.Services(null, null, null, null, null, null, null, null, null,
                new SecretRotation(null, null, null, null, 1), new ApnProfileProvisioning(null, null, null, null, null),
                new EpsAdministration(null, null, null, null, null));
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Object resource : ProvisioningApi.resources(RestSettings.local(0, List.of()), none)) {
            classes.add(resource.getClass());
        }
        return ProvisioningApi.document(classes);
    }

    /** @param args the file to write */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: OpenApiExport FILE");
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, hssDocument(), StandardCharsets.UTF_8);
    }
}
