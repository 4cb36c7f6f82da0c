package org.imshss.provisioning.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provisioned Early-IMS address ({@link AuthProfile#ipAddress()}): a dotted IPv4 address, an IPv6 address or
 * an IPv6 prefix {@code address/length}. Parsed without any name lookup.
 */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/(\\d{1,3}))?");

    /**
     * @param address 4 octets (IPv4) or 16 octets (IPv6), bits beyond the prefix length cleared
     * @param prefixLength 32 for IPv4, 0..128 for IPv6 (128 for a plain address)
     */
    public record Parsed(byte[] address, int prefixLength) {

        public Parsed {
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        public boolean ipv4() {
            return address.length == 4;
        }
    }

    private IpAddresses() {
    }

    public static boolean valid(String text) {
        return parse(text).isPresent();
    }

    public static Optional<Parsed> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] octets = new byte[4];
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(v4.group(i + 1));
                if (value > 255) {
                    return Optional.empty();
                }
                octets[i] = (byte) value;
            }
            return Optional.of(new Parsed(octets, 32));
        }
        Matcher v6 = IPV6.matcher(text);
        if (!v6.matches()) {
            return Optional.empty();
        }
        int length = v6.group(2) == null ? 128 : Integer.parseInt(v6.group(2));
        if (length > 128) {
            return Optional.empty();
        }
        try {
            // A literal containing ':' is parsed as IPv6 by InetAddress, never looked up.
            InetAddress parsed = InetAddress.getByName(v6.group(1));
            if (!(parsed instanceof Inet6Address)) {
                return Optional.empty();
            }
            byte[] octets = parsed.getAddress();
            for (int bit = length; bit < 128; bit++) {
                octets[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return Optional.of(new Parsed(octets, length));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
