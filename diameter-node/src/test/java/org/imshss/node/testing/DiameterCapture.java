package org.imshss.node.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Diameter messages as a classic pcap file (Ethernet link type): one TCP connection between a client port and port
 * 3868 on IPv4 loopback addresses, opened by a three-way handshake so that a decoder's TCP analysis sees every byte
 * of both directions. A request travels from the side that is not 3868 unless {@link Direction} says otherwise;
 * each message is one or more segments with correct IPv4/TCP lengths, checksums, sequence and acknowledgement
 * numbers, so that a dissector reassembles exactly the messages given.
 */
public final class DiameterCapture {

    /** Which way one message travels. */
    public enum Direction {
        TO_SERVER, TO_CLIENT;

        /** Requests go to the server on 3868, answers come back (a peer that is the client). */
        public static Direction of(byte[] message) {
            return (message[4] & RawMessage.FLAG_REQUEST) != 0 ? TO_SERVER : TO_CLIENT;
        }
    }

    /** One message and the way it travels. */
    public record Message(byte[] octets, Direction direction) {
    }

    public static final int DIAMETER_PORT = 3868;
    private static final int CLIENT_PORT = 40404;
    private static final int MAX_PAYLOAD = 1400;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final byte[] CLIENT_MAC = {2, 0, 0, 0, 0, 1};
    private static final byte[] SERVER_MAC = {2, 0, 0, 0, 0, 2};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long clientSeq = 1000;
    private long serverSeq = 5000;
    private long microseconds;

    private DiameterCapture() {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(1);
        out.writeBytes(header.array());
    }

    /** Each message in its natural direction ({@link Direction#of}). */
    public static byte[] pcap(List<byte[]> messages) {
        return pcapOf(messages.stream().map(m -> new Message(m, Direction.of(m))).toList());
    }

    public static byte[] pcapOf(List<Message> messages) {
        DiameterCapture capture = new DiameterCapture();
        capture.frame(Direction.TO_SERVER, SYN, new byte[0]);
        capture.clientSeq++;
        capture.frame(Direction.TO_CLIENT, SYN | ACK, new byte[0]);
        capture.serverSeq++;
        capture.frame(Direction.TO_SERVER, ACK, new byte[0]);
        for (Message message : messages) {
            byte[] octets = message.octets();
            for (int offset = 0; offset < octets.length; offset += MAX_PAYLOAD) {
                int end = Math.min(octets.length, offset + MAX_PAYLOAD);
                byte[] payload = Arrays.copyOfRange(octets, offset, end);
                capture.frame(message.direction(), end == octets.length ? PSH | ACK : ACK, payload);
                if (message.direction() == Direction.TO_SERVER) {
                    capture.clientSeq += payload.length;
                } else {
                    capture.serverSeq += payload.length;
                }
            }
        }
        return capture.out.toByteArray();
    }

    public static void write(Path file, List<byte[]> messages) throws IOException {
        Files.write(file, pcap(messages));
    }

    private void frame(Direction direction, int flags, byte[] payload) {
        boolean toServer = direction == Direction.TO_SERVER;
        byte[] source = toServer ? new byte[] {127, 0, 0, 1} : new byte[] {127, 0, 0, 2};
        byte[] destination = toServer ? new byte[] {127, 0, 0, 2} : new byte[] {127, 0, 0, 1};
        byte[] tcp = tcp(toServer, flags, payload, source, destination);
        byte[] ip = ipv4(source, destination, tcp);
        ByteBuffer ethernet = ByteBuffer.allocate(14 + ip.length);
        ethernet.put(toServer ? SERVER_MAC : CLIENT_MAC).put(toServer ? CLIENT_MAC : SERVER_MAC)
                .putShort((short) 0x0800).put(ip);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        microseconds += 100;
        record.putInt((int) (1_700_000_000 + microseconds / 1_000_000)).putInt((int) (microseconds % 1_000_000)).putInt(ethernet.capacity()).putInt(ethernet.capacity());
        out.writeBytes(record.array());
        out.writeBytes(ethernet.array());
    }

    private byte[] tcp(boolean toServer, int flags, byte[] payload, byte[] source, byte[] destination) {
        long seq = toServer ? clientSeq : serverSeq;
        long ack = (flags & ACK) == 0 ? 0 : toServer ? serverSeq : clientSeq;
        ByteBuffer tcp = ByteBuffer.allocate(20 + payload.length);
        tcp.putShort((short) (toServer ? CLIENT_PORT : DIAMETER_PORT))
                .putShort((short) (toServer ? DIAMETER_PORT : CLIENT_PORT))
                .putInt((int) seq).putInt((int) ack)
                .put((byte) (5 << 4)).put((byte) flags).putShort((short) 65535)
                .putShort((short) 0).putShort((short) 0).put(payload);
        ByteBuffer pseudo = ByteBuffer.allocate(12 + tcp.capacity());
        pseudo.put(source).put(destination).put((byte) 0).put((byte) 6).putShort((short) tcp.capacity())
                .put(tcp.array());
        tcp.putShort(16, checksum(pseudo.array()));
        return tcp.array();
    }

    private static byte[] ipv4(byte[] source, byte[] destination, byte[] tcp) {
        ByteBuffer ip = ByteBuffer.allocate(20 + tcp.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) ip.capacity()).putShort((short) 0)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(source).put(destination);
        ip.putShort(10, checksum(Arrays.copyOf(ip.array(), 20)));
        ip.put(20, tcp);
        return ip.array();
    }

    /** The Internet checksum (RFC 1071). */
    private static short checksum(byte[] bytes) {
        long sum = 0;
        for (int i = 0; i < bytes.length; i += 2) {
            int high = bytes[i] & 0xFF;
            int low = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0;
            sum += (high << 8) | low;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
