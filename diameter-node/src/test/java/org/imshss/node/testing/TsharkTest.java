package org.imshss.node.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The capture writer and the tshark reader together: what is well formed decodes clean, what is not is found. */
class TsharkTest {

    private static final int CER = 257;

    @BeforeAll
    static void tsharkInstalled() {
        assumeTrue(Tshark.available(), "tshark is not installed");
    }

    private static RawMessage capabilities(int flags, String productName) {
        return new RawMessage(flags, CER, 0, 7, 9, List.of(
                RawAvp.utf8(Avp.ORIGIN_HOST, "peer.example.org"),
                RawAvp.utf8(Avp.ORIGIN_REALM, "example.org"),
                RawAvp.of(Avp.HOST_IP_ADDRESS, new byte[] {0, 1, 127, 0, 0, 1}),
                RawAvp.u32(Avp.VENDOR_ID, 0),
                RawAvp.utf8(Avp.PRODUCT_NAME, productName)));
    }

    @Test
    void aRequestAndItsAnswerDecodeCleanInTheirOwnFrames() throws Exception {
        RawMessage cer = capabilities(RawMessage.FLAG_REQUEST, "test");
        List<RawAvp> ceaAvps = new java.util.ArrayList<>(List.of(RawAvp.u32(Avp.RESULT_CODE, 2001)));
        ceaAvps.addAll(capabilities(0, "test").avps());
        RawMessage cea = new RawMessage(0, CER, 0, 7, 9, ceaAvps);

        Tshark.Decoded decoded = Tshark.check(List.of(cer.encode(), cea.encode()));

        assertThat(decoded.findings()).isEmpty();
        assertThat(decoded.commands()).containsExactly("Capabilities-Exchange Request(257)",
                "Capabilities-Exchange Answer(257)");
        // The three-way handshake, then one frame per message.
        assertThat(decoded.frames()).hasSize(5);
    }

    @Test
    void aMessageLargerThanOneSegmentIsReassembledIntoOne() throws Exception {
        RawMessage large = capabilities(RawMessage.FLAG_REQUEST, "p".repeat(5000));

        Tshark.Decoded decoded = Tshark.check(List.of(large.encode(), large.encode()));

        assertThat(decoded.findings()).isEmpty();
        assertThat(decoded.commands()).containsExactly("Capabilities-Exchange Request(257)",
                "Capabilities-Exchange Request(257)");
    }

    @Test
    void anAvpLengthBeyondItsMessageIsFound() throws Exception {
        byte[] bytes = capabilities(RawMessage.FLAG_REQUEST, "test").encode();
        // The first AVP's length (octets 25 to 27 of the message) claims 0x90 octets more than it has.
        bytes[27] = (byte) (bytes[27] + 0x90);

        Tshark.Decoded decoded = Tshark.check(List.of(bytes));

        assertThat(decoded.findings()).singleElement()
                .satisfies(frame -> assertThat(frame.problems()).contains("Malformed"));
        assertThat(decoded.frames()).hasSize(4);
    }
}
