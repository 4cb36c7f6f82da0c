package org.imshss.node.diameter.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.ResultCode;

/**
 * The Diameter wire format as far as the transport must read it before jDiameter's parser sees a message:
 * the header (RFC 6733 3) and the layout of the top-level AVPs (RFC 6733 4.1).
 */
final class Wire {

    static final int FLAG_REQUEST = 0x80;
    static final int FLAG_PROXIABLE = 0x40;
    static final int FLAG_ERROR = 0x20;
    static final int AVP_FLAG_VENDOR = 0x80;
    static final int AVP_FLAG_MANDATORY = 0x40;
    /** The 'r' bits of the AVP flags (RFC 6733 4.1): set ones are answered 3009. */
    static final int AVP_FLAGS_RESERVED = 0x1F;
    static final int AVP_HEADER = 8;
    static final int AVP_HEADER_VENDOR = 12;

    private Wire() {
    }

    /** Why a header cannot start a frame, or null if it can (version 1, length sane, RFC 6733 3). */
    static String headerProblem(int versionAndLength, int maxMessageBytes) {
        int version = versionAndLength >>> 24;
        int length = versionAndLength & 0xFFFFFF;
        if (version != 1) {
            return "version " + version;
        }
        if (length < TransportSettings.HEADER_BYTES || length % 4 != 0) {
            return "message length " + length;
        }
        if (length > maxMessageBytes) {
            return "message length " + length + " over the limit of " + maxMessageBytes;
        }
        return null;
    }

    static int flags(byte[] m) {
        return m[4] & 0xFF;
    }

    static int commandCode(byte[] m) {
        return (m[5] & 0xFF) << 16 | (m[6] & 0xFF) << 8 | m[7] & 0xFF;
    }

    static long applicationId(byte[] m) {
        return ByteBuffer.wrap(m).getInt(8) & 0xFFFFFFFFL;
    }

    /** Hop-by-hop and end-to-end identifiers as one key. */
    static long identifiers(byte[] m) {
        return ByteBuffer.wrap(m).getLong(12);
    }

    static boolean isRequest(byte[] m) {
        return (flags(m) & FLAG_REQUEST) != 0;
    }

    /** A top-level AVP that cannot be read, and the answer it calls for (RFC 6733 7.1.3, 7.1.5, 7.5). */
    record LayoutError(ResultCode resultCode, byte[] failedAvp, String text) {
    }

    /**
     * Walks the top-level AVPs: each header complete, length at least its header and within the message, no
     * reserved flag bit set. Grouped contents are left to the command validator, which bounds their nesting.
     */
    static Optional<LayoutError> checkLayout(byte[] m) {
        ByteBuffer b = ByteBuffer.wrap(m);
        int end = m.length;
        int pos = TransportSettings.HEADER_BYTES;
        while (pos < end) {
            if (end - pos < AVP_HEADER) {
                // RFC 6733 7.1.5: an AVP header that cannot be decoded is sent back padded with zeros.
                byte[] header = new byte[AVP_HEADER];
                System.arraycopy(m, pos, header, 0, end - pos);
                return Optional.of(new LayoutError(ResultCode.DIAMETER_INVALID_AVP_LENGTH, header,
                        "AVP header truncated"));
            }
            int code = b.getInt(pos);
            int flagsLength = b.getInt(pos + 4);
            int flags = flagsLength >>> 24;
            int length = flagsLength & 0xFFFFFF;
            boolean vendor = (flags & AVP_FLAG_VENDOR) != 0;
            int header = vendor ? AVP_HEADER_VENDOR : AVP_HEADER;
            if (length < header || length > end - pos) {
                long vendorId = vendor && end - pos >= AVP_HEADER_VENDOR ? b.getInt(pos + 8) & 0xFFFFFFFFL : 0;
                return Optional.of(new LayoutError(ResultCode.DIAMETER_INVALID_AVP_LENGTH,
                        minimalAvp(code, flags, vendorId), "AVP " + code + " has length " + length));
            }
            if ((flags & AVP_FLAGS_RESERVED) != 0) {
                byte[] avp = new byte[length];
                System.arraycopy(m, pos, avp, 0, length);
                return Optional.of(new LayoutError(ResultCode.DIAMETER_INVALID_AVP_BITS, padded(avp),
                        "AVP " + code + " has reserved flag bits set"));
            }
            pos += (length + 3) & ~3;
        }
        return Optional.empty();
    }

    /**
     * RFC 6733 7.1.5: for a length past the message or below the header, the AVP header with a zero-filled payload
     * of the minimal length of its type (empty for Grouped and unknown AVPs).
     */
    private static byte[] minimalAvp(int code, int flags, long vendorId) {
        boolean vendor = (flags & AVP_FLAG_VENDOR) != 0;
        int dataLength = Math.max(0, Avp.lookup(code, vendorId).map(a -> a.type().fixedLength()).orElse(0));
        int header = vendor ? AVP_HEADER_VENDOR : AVP_HEADER;
        ByteBuffer out = ByteBuffer.allocate(header + dataLength);
        out.putInt(code).putInt(flags << 24 | header + dataLength);
        if (vendor) {
            out.putInt((int) vendorId);
        }
        return out.array();
    }

    private static byte[] padded(byte[] avp) {
        int padded = (avp.length + 3) & ~3;
        if (padded == avp.length) {
            return avp;
        }
        byte[] out = new byte[padded];
        System.arraycopy(avp, 0, out, 0, avp.length);
        return out;
    }

    /**
     * A request that names no application in its AVPs, or not the one of its header, and the answer it calls for;
     * empty when an Auth- or Acct-Application-Id, top-level or in a Vendor-Specific-Application-Id, names the header's
     * application. {@code avps} are the message's {@link #topLevel} AVPs.
     */
    static Optional<LayoutError> checkApplicationAvps(byte[] m, List<AvpAt> avps) {
        long application = applicationId(m);
        ByteBuffer b = ByteBuffer.wrap(m);
        byte[] other = null;
        for (AvpAt avp : avps) {
            if (!avp.vendor() && (isApplicationId(avp.code())
                    || avp.code() == Avp.VENDOR_SPECIFIC_APPLICATION_ID.code())) {
                if (names(b, avp.code(), avp.data(), avp.end(), application)) {
                    return Optional.empty();
                }
                if (other == null) {
                    other = new byte[avp.end() - avp.start()];
                    System.arraycopy(m, avp.start(), other, 0, other.length);
                }
            }
        }
        if (other != null) {
            return Optional.of(new LayoutError(ResultCode.DIAMETER_INVALID_AVP_VALUE, padded(other),
                    "the application AVPs do not name application " + application + " of the header"));
        }
        return Optional.of(new LayoutError(ResultCode.DIAMETER_MISSING_AVP,
                minimalAvp(Avp.VENDOR_SPECIFIC_APPLICATION_ID.code(), AVP_FLAG_MANDATORY, 0),
                "Vendor-Specific-Application-Id required"));
    }

    private static boolean isApplicationId(int code) {
        return code == Avp.AUTH_APPLICATION_ID.code() || code == Avp.ACCT_APPLICATION_ID.code();
    }

    /** Whether the AVP with data in [from, to) is, or groups, an Auth-/Acct-Application-Id equal to {@code id}. */
    private static boolean names(ByteBuffer b, int code, int from, int to, long id) {
        if (isApplicationId(code)) {
            return to - from == 4 && (b.getInt(from) & 0xFFFFFFFFL) == id;
        }
        int pos = from;
        while (to - pos >= AVP_HEADER) {
            int member = b.getInt(pos);
            int flagsLength = b.getInt(pos + 4);
            int length = flagsLength & 0xFFFFFF;
            boolean vendor = (flagsLength >>> 24 & AVP_FLAG_VENDOR) != 0;
            if (length < AVP_HEADER || length > to - pos) {
                return false;
            }
            if (!vendor && isApplicationId(member) && length == AVP_HEADER + 4
                    && (b.getInt(pos + AVP_HEADER) & 0xFFFFFFFFL) == id) {
                return true;
            }
            pos += (length + 3) & ~3;
        }
        return false;
    }

    /** What every request carries for its answer to find its way back and for routing (RFC 6733 6.1, 3.2). */
    private static final List<Avp> ROUTING_AVPS = List.of(Avp.ORIGIN_HOST, Avp.ORIGIN_REALM, Avp.DESTINATION_REALM);

    /**
     * 5005 naming the first of Origin-Host, Origin-Realm and Destination-Realm a request lacks at its top level, with
     * the empty payload of RFC 6733 7.5; {@code avps} are the message's {@link #topLevel} AVPs.
     */
    static Optional<LayoutError> checkRoutingAvps(List<AvpAt> avps) {
        for (Avp required : ROUTING_AVPS) {
            if (avps.stream().noneMatch(avp -> avp.code() == required.code() && !avp.vendor())) {
                return Optional.of(new LayoutError(ResultCode.DIAMETER_MISSING_AVP,
                        minimalAvp(required.code(), AVP_FLAG_MANDATORY, 0), required.specName() + " required"));
            }
        }
        return Optional.empty();
    }

    /** The Destination-Realm's text, or null without one; {@code avps} are the message's {@link #topLevel} AVPs. */
    static String destinationRealm(byte[] m, List<AvpAt> avps) {
        for (AvpAt avp : avps) {
            if (avp.code() == Avp.DESTINATION_REALM.code() && !avp.vendor()) {
                return new String(m, avp.data(), avp.end() - avp.data(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Where a top-level AVP lies in a message: its header from {@code start}, its data from {@code data} to end. */
    record AvpAt(int code, boolean vendor, int start, int data, int end) {
    }

    /** The top-level AVPs of a message whose layout {@link #checkLayout} has found sound. */
    static List<AvpAt> topLevel(byte[] m) {
        ByteBuffer b = ByteBuffer.wrap(m);
        List<AvpAt> avps = new ArrayList<>();
        int pos = TransportSettings.HEADER_BYTES;
        while (pos < m.length) {
            int flagsLength = b.getInt(pos + 4);
            int length = flagsLength & 0xFFFFFF;
            boolean vendor = (flagsLength >>> 24 & AVP_FLAG_VENDOR) != 0;
            avps.add(new AvpAt(b.getInt(pos), vendor, pos, pos + (vendor ? AVP_HEADER_VENDOR : AVP_HEADER),
                    pos + length));
            pos += (length + 3) & ~3;
        }
        return avps;
    }

    /** The Session-Id's data if it can be read among the top-level AVPs before any broken one. */
    static byte[] sessionId(byte[] m) {
        ByteBuffer b = ByteBuffer.wrap(m);
        int pos = TransportSettings.HEADER_BYTES;
        while (m.length - pos >= AVP_HEADER) {
            int code = b.getInt(pos);
            int flagsLength = b.getInt(pos + 4);
            int length = flagsLength & 0xFFFFFF;
            boolean vendor = (flagsLength >>> 24 & AVP_FLAG_VENDOR) != 0;
            int header = vendor ? AVP_HEADER_VENDOR : AVP_HEADER;
            if (length < header || length > m.length - pos) {
                return null;
            }
            if (code == Avp.SESSION_ID.code() && !vendor) {
                byte[] data = new byte[length - header];
                System.arraycopy(m, pos + header, data, 0, data.length);
                return data;
            }
            pos += (length + 3) & ~3;
        }
        return null;
    }

    /** Builds messages byte by byte, AVPs from the dictionary. */
    static final class Builder {
        private final ByteArrayOutputStream avps = new ByteArrayOutputStream(256);

        Builder avp(Avp avp, byte[] data) {
            return avp(avp.code(), (avp.isVendorSpecific() ? AVP_FLAG_VENDOR : 0)
                    | (avp.sendMandatoryBit() ? AVP_FLAG_MANDATORY : 0), avp.vendorId(), data);
        }

        Builder avp(Avp avp, String text) {
            return avp(avp, text.getBytes(StandardCharsets.UTF_8));
        }

        Builder unsigned32(Avp avp, long value) {
            return avp(avp, ByteBuffer.allocate(4).putInt((int) value).array());
        }

        /** Vendor-Specific-Application-Id {Vendor-Id, Auth-Application-Id} (RFC 6733 6.11, TS 29.229 6.1). */
        Builder vendorSpecificApplicationId(Application application) {
            Builder members = new Builder().unsigned32(Avp.VENDOR_ID, application.vendorId())
                    .unsigned32(Avp.AUTH_APPLICATION_ID, application.id());
            return avp(Avp.VENDOR_SPECIFIC_APPLICATION_ID, members.avps.toByteArray());
        }

        /** A Failed-AVP around one already encoded AVP. */
        Builder failedAvp(byte[] encodedAvp) {
            return avp(Avp.FAILED_AVP, encodedAvp);
        }

        private Builder avp(int code, int flags, long vendorId, byte[] data) {
            boolean vendor = (flags & AVP_FLAG_VENDOR) != 0;
            int length = (vendor ? AVP_HEADER_VENDOR : AVP_HEADER) + data.length;
            ByteBuffer header = ByteBuffer.allocate(vendor ? AVP_HEADER_VENDOR : AVP_HEADER);
            header.putInt(code).putInt(flags << 24 | length);
            if (vendor) {
                header.putInt((int) vendorId);
            }
            avps.writeBytes(header.array());
            avps.writeBytes(data);
            for (int i = length; i % 4 != 0; i++) {
                avps.write(0);
            }
            return this;
        }

        /** The answer to {@code request}: same command, application and identifiers, its P bit (RFC 6733 6.2). */
        byte[] answerTo(byte[] request, boolean error) {
            byte[] body = avps.toByteArray();
            ByteBuffer out = ByteBuffer.allocate(TransportSettings.HEADER_BYTES + body.length);
            out.putInt(1 << 24 | TransportSettings.HEADER_BYTES + body.length);
            int flags = (flags(request) & FLAG_PROXIABLE) | (error ? FLAG_ERROR : 0);
            out.putInt(flags << 24 | commandCode(request));
            out.put(request, 8, 12);
            out.put(body);
            return out.array();
        }
    }
}
