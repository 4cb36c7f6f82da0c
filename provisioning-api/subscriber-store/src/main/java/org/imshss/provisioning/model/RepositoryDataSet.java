package org.imshss.provisioning.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All repository data of one identity (TS 29.328 7.6.1), one element per Service-Indication: one grid entry, so a
 * PUR with several RepositoryData elements is checked and written by one atomic operation and nobody sees it
 * half-done.
 *
 * @param identity the public identity key (normalised distinct identity, or the wildcard string)
 * @param entries at most one per Service-Indication, in the order they were first written
 */
public record RepositoryDataSet(String identity, List<RepositoryData> entries) implements Serializable {

    public RepositoryDataSet {
        entries = List.copyOf(entries);
    }

    public static RepositoryDataSet empty(String identity) {
        return new RepositoryDataSet(identity, List.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    public Optional<RepositoryData> get(String serviceIndication) {
        for (RepositoryData entry : entries) {
            if (entry.serviceIndication().equals(serviceIndication)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** With {@code data} stored for its Service-Indication, in place of what was stored for it. */
    public RepositoryDataSet with(RepositoryData data) {
        List<RepositoryData> next = new ArrayList<>(entries.size() + 1);
        boolean replaced = false;
        for (RepositoryData entry : entries) {
            if (entry.serviceIndication().equals(data.serviceIndication())) {
                next.add(data);
                replaced = true;
            } else {
                next.add(entry);
            }
        }
        if (!replaced) {
            next.add(data);
        }
        return new RepositoryDataSet(identity, next);
    }

    /** Without the data of {@code serviceIndication}; this set when there is none. */
    public RepositoryDataSet without(String serviceIndication) {
        List<RepositoryData> next = new ArrayList<>(entries.size());
        for (RepositoryData entry : entries) {
            if (!entry.serviceIndication().equals(serviceIndication)) {
                next.add(entry);
            }
        }
        return next.size() == entries.size() ? this : new RepositoryDataSet(identity, next);
    }
}
