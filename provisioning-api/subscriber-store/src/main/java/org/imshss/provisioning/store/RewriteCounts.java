package org.imshss.provisioning.store;

import java.util.List;

/**
 * What one pass rewriting stored records did.
 *
 * @param scanned records read
 * @param rewritten records replaced (each atomically)
 * @param unchanged records that needed no change
 * @param failed records the change refused (left as they are)
 * @param failedKeys the first few keys of those, to name in a report (keys are identities, never secrets)
 */
public record RewriteCounts(long scanned, long rewritten, long unchanged, long failed, List<String> failedKeys) {

    public RewriteCounts {
        failedKeys = List.copyOf(failedKeys);
    }
}
