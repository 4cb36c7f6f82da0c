package org.imshss.node.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imshss.diameter.Avp;

/**
 * A Diameter message as bytes on the wire (RFC 6733 3, 4.1), built and parsed by hand so tests can send
 * exactly what they mean, malformed included, and check exactly what came back.
 */
public record RawMessage(int flags, int commandCode, long applicationId, int hopByHop, int endToEnd,
        List<RawAvp> avps) {

    public static final int FLAG_REQUEST = 0x80;
    public static final int FLAG_PROXIABLE = 0x40;
    public static final int FLAG_ERROR = 0x20;

    public RawMessage {
        avps = List.copyOf(avps);
    }

    public boolean isRequest() {
        return (flags & FLAG_REQUEST) != 0;
    }

    public boolean isError() {
        return (flags & FLAG_ERROR) != 0;
    }

    /** One AVP: header flags (0x80 V, 0x40 M), vendor (0 = none) and data without padding. */
    public record RawAvp(int code, int flags, long vendorId, byte[] data) {

        public static final int FLAG_VENDOR = 0x80;
        public static final int FLAG_MANDATORY = 0x40;

        public static RawAvp of(Avp avp, byte[] data) {
            int flags = (avp.isVendorSpecific() ? FLAG_VENDOR : 0) | (avp.sendMandatoryBit() ? FLAG_MANDATORY : 0);
            return new RawAvp(avp.code(), flags, avp.vendorId(), data);
        }

        public static RawAvp utf8(Avp avp, String value) {
            return of(avp, value.getBytes(StandardCharsets.UTF_8));
        }

        public static RawAvp u32(Avp avp, long value) {
            return of(avp, ByteBuffer.allocate(4).putInt((int) value).array());
        }

        public static RawAvp grouped(Avp avp, RawAvp... members) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (RawAvp member : members) {
                out.writeBytes(member.encode());
            }
            return of(avp, out.toByteArray());
        }

        public boolean is(Avp avp) {
            return code == avp.code() && vendorId == avp.vendorId();
        }

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        public long u32() {
            return ByteBuffer.wrap(data).getInt() & 0xFFFFFFFFL;
        }

        public List<RawAvp> members() {
            return parseAvps(ByteBuffer.wrap(data));
        }

        public Optional<RawAvp> member(Avp avp) {
            return members().stream().filter(m -> m.is(avp)).findFirst();
        }

        public byte[] encode() {
            boolean vendor = (flags & FLAG_VENDOR) != 0;
            int headerLength = vendor ? 12 : 8;
            int length = headerLength + data.length;
            int padded = (length + 3) & ~3;
            ByteBuffer b = ByteBuffer.allocate(padded);
            b.putInt(code);
            b.putInt((flags << 24) | length);
            if (vendor) {
                b.putInt((int) vendorId);
            }
            b.put(data);
            return b.array();
        }
    }

    public Optional<RawAvp> avp(Avp avp) {
        return avps.stream().filter(a -> a.is(avp)).findFirst();
    }

    public List<RawAvp> all(Avp avp) {
        return avps.stream().filter(a -> a.is(avp)).toList();
    }

    /** Result-Code, or the Experimental-Result-Code (negated vendor is not needed: tests know which). */
    public long resultCode() {
        return avp(Avp.RESULT_CODE).map(RawAvp::u32)
                .or(() -> avp(Avp.EXPERIMENTAL_RESULT).flatMap(e -> e.member(Avp.EXPERIMENTAL_RESULT_CODE))
                        .map(RawAvp::u32))
                .orElse(-1L);
    }

    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (RawAvp avp : avps) {
            body.writeBytes(avp.encode());
        }
        byte[] avpBytes = body.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(20 + avpBytes.length);
        b.putInt((1 << 24) | (20 + avpBytes.length));
        b.putInt((flags << 24) | commandCode);
        b.putInt((int) applicationId);
        b.putInt(hopByHop);
        b.putInt(endToEnd);
        b.put(avpBytes);
        return b.array();
    }

    public static RawMessage decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int versionLength = b.getInt();
        int flagsCode = b.getInt();
        long app = b.getInt() & 0xFFFFFFFFL;
        int hbh = b.getInt();
        int e2e = b.getInt();
        if ((versionLength >>> 24) != 1 || (versionLength & 0xFFFFFF) != bytes.length) {
            throw new IllegalArgumentException("bad header");
        }
        return new RawMessage(flagsCode >>> 24, flagsCode & 0xFFFFFF, app, hbh, e2e, parseAvps(b));
    }

    static List<RawAvp> parseAvps(ByteBuffer b) {
        List<RawAvp> out = new ArrayList<>();
        while (b.remaining() >= 8) {
            int code = b.getInt();
            int flagsLength = b.getInt();
            int flags = flagsLength >>> 24;
            int length = flagsLength & 0xFFFFFF;
            long vendor = 0;
            int header = 8;
            if ((flags & RawAvp.FLAG_VENDOR) != 0) {
                vendor = b.getInt() & 0xFFFFFFFFL;
                header = 12;
            }
            byte[] data = new byte[length - header];
            b.get(data);
            int pad = ((length + 3) & ~3) - length;
            b.position(Math.min(b.limit(), b.position() + pad));
            out.add(new RawAvp(code, flags, vendor, data));
        }
        return out;
    }
}
