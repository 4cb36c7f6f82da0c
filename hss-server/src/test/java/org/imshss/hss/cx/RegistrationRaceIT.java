package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.auth.Milenage;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests from several S-CSCFs over real TCP connections: the S-CSCF assignment and the SQN
 * each change by one atomic grid operation, so a race has exactly one winner and no SQN is handed out twice.
 */
class RegistrationRaceIT {

    private static final int PEERS = 4;

    private static TestHss hss;
    private static final List<DiameterTestPeer> scscfs = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        for (int i = 1; i <= PEERS; i++) {
            scscfs.add(hss.peer("scscf" + i + ".ims.example.org"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (DiameterTestPeer peer : scscfs) {
            peer.close();
        }
        hss.close();
    }

    private static String serverName(int index) {
        return "sip:scscf" + (index + 1) + ".ims.example.org:6060";
    }

    private static CompletableFuture<Answer> register(int index) throws Exception {
        return scscfs.get(index).sendAsync(Command.SAR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, "alice@ims.example.org");
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, "sip:alice@ims.example.org");
            Avps.addUtf8(avps, Avp.SERVER_NAME, serverName(index));
            Avps.addEnumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue("REGISTRATION"));
            Avps.addEnumerated(avps, Avp.USER_DATA_ALREADY_AVAILABLE, 1);
        });
    }

    @Test
    void concurrentRegistrationsFromDifferentServersHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 40; round++) {
            hss.resetRegistrations();
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < PEERS; i++) {
                answers.add(register(i));
            }
            List<Integer> winners = new ArrayList<>();
            Set<String> namedAsHolder = new HashSet<>();
            for (int i = 0; i < PEERS; i++) {
                Answer answer = answers.get(i).get(10, TimeUnit.SECONDS);
                ResultCode result = Avps.result(answer.getAvps()).orElseThrow();
                if (result == ResultCode.DIAMETER_SUCCESS) {
                    winners.add(i);
                } else {
                    assertThat(result).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED);
                    namedAsHolder.add(Avps.utf8(answer.getAvps(), Avp.SERVER_NAME).orElseThrow());
                }
            }
            assertThat(winners).as("round %d", round).hasSize(1);
            String winner = serverName(winners.get(0));
            assertThat(namedAsHolder).as("losers are told the winner").containsOnly(winner);
            assertThat(hss.node().store().registration("alice").scscfName()).isEqualTo(winner);
        }
    }

    @Test
    void concurrentAuthenticationsNeverShareASequenceNumber() throws Exception {
        Milenage carol = Milenage.fromOp(HexFormat.of().parseHex("6361726f6c2d616b612d736563726574"),
                HexFormat.of().parseHex("cdc202d5123e20f62b6d676ac72cb318"));
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int round = 0; round < 25; round++) {
            for (int i = 0; i < PEERS; i++) {
                int index = i;
                answers.add(scscfs.get(i).sendAsync(Command.MAR, avps -> {
                    Avps.addUtf8(avps, Avp.USER_NAME, "carol@ims.example.org");
                    Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, "sip:carol@ims.example.org");
                    AvpSet item = Avps.addGrouped(avps, Avp.SIP_AUTH_DATA_ITEM);
                    Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "Digest-AKAv1-MD5");
                    Avps.addUnsigned32(avps, Avp.SIP_NUMBER_AUTH_ITEMS, 3);
                    Avps.addUtf8(avps, Avp.SERVER_NAME, serverName(index));
                }));
            }
        }
        Set<Long> sqns = new HashSet<>();
        int vectors = 0;
        for (CompletableFuture<Answer> future : answers) {
            Answer answer = future.get(10, TimeUnit.SECONDS);
            assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
            for (AvpSet item : Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM)) {
                byte[] authenticate = Avps.octets(item, Avp.SIP_AUTHENTICATE).orElseThrow();
                byte[] rand = Arrays.copyOfRange(authenticate, 0, 16);
                byte[] ak = carol.f2345(rand).ak();
                long sqn = 0;
                for (int i = 0; i < 6; i++) {
                    sqn = (sqn << 8) | ((authenticate[16 + i] ^ ak[i]) & 0xFF);
                }
                sqns.add(sqn);
                vectors++;
            }
        }
        assertThat(vectors).isEqualTo(25 * PEERS * 3);
        assertThat(sqns).as("every vector has its own SQN").hasSize(vectors).doesNotContain(0L);
    }
}
