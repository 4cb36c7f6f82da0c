package org.imshss.provisioning.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One service point trigger (TS 29.228 Annex B.2.2): a condition, possibly negated, taking part in
 * one or more groups of its trigger point.
 */
public record ServicePointTrigger(boolean conditionNegated, List<Integer> groups, Condition condition) {

    public ServicePointTrigger {
        groups = List.copyOf(groups);
    }

    /** The one condition an SPT tests. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = RequestUri.class, name = "requestUri"),
        @JsonSubTypes.Type(value = Method.class, name = "method"),
        @JsonSubTypes.Type(value = SipHeader.class, name = "sipHeader"),
        @JsonSubTypes.Type(value = SessionCase.class, name = "sessionCase"),
        @JsonSubTypes.Type(value = SessionDescription.class, name = "sessionDescription")
    })
    public sealed interface Condition permits RequestUri, Method, SipHeader, SessionCase, SessionDescription {
    }

    public record RequestUri(String uri) implements Condition {
    }

    /**
     * @param registrationTypes for REGISTER only: 0 INITIAL, 1 RE-REGISTRATION, 2 DE-REGISTRATION
     */
    public record Method(String method, List<Integer> registrationTypes) implements Condition {
        public Method {
            registrationTypes = registrationTypes == null ? List.of() : List.copyOf(registrationTypes);
        }
    }

    /** @param content a regular expression, or null to test presence only */
    public record SipHeader(String header, String content) implements Condition {
    }

    /** 0 ORIGINATING_REGISTERED, 1 TERMINATING_REGISTERED, 2 TERMINATING_UNREGISTERED, 3 ORIGINATING_UNREGISTERED, 4 ORIGINATING_CDIV. */
    public record SessionCase(int value) implements Condition {
    }

    public record SessionDescription(String line, String content) implements Condition {
    }
}
