package org.sflowmonitor.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sflowmonitor.ingest.AgentSenders.Verdict.CONFLICTING;
import static org.sflowmonitor.ingest.AgentSenders.Verdict.OWNER;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Who owns an agent's datagram stream when datagrams with its address come from several UDP sources. */
class AgentSendersTest {

    private static final String AGENT = "10.0.0.5";
    private static final long T0 = 1_800_000_000_000L;
    private static final InetSocketAddress FIRST = new InetSocketAddress("127.0.0.1", 40001);
    private static final InetSocketAddress SECOND = new InetSocketAddress("127.0.0.1", 40002);

    private final AgentSenders senders = new AgentSenders();

    private AgentSenders.Verdict judge(InetSocketAddress sender, long sequence, long uptime, long at) {
        return senders.judge(AGENT, 1, sender, sequence, uptime, T0 + at);
    }

    @Test
    void aSecondSenderRunningWhileTheFirstSendsIsConflictingAndTheFirstIsKept() {
        assertEquals(OWNER, judge(FIRST, 100, 86_400_000, 0));
        assertEquals(CONFLICTING, judge(SECOND, 7_000, 3_600_000, 50));
        assertEquals(OWNER, judge(FIRST, 101, 86_401_000, 1_000));
        assertEquals(CONFLICTING, judge(SECOND, 7_001, 3_601_000, 1_050));
        assertEquals(List.of(new AgentSenders.Conflict(AGENT, 1, "127.0.0.1:40001", "127.0.0.1:40002", T0 + 50,
                T0 + 1_050, 2)), senders.conflicts(T0 + 2_000));
    }

    @Test
    void anAgentRestartedOnANewPortTakesTheStreamOver() {
        judge(FIRST, 100, 86_400_000, 0);
        assertEquals(OWNER, judge(SECOND, 1, 1_500, 3_000), "its uptime is shorter than the first's silence");
        assertEquals(OWNER, judge(SECOND, 2, 2_500, 4_000));
        assertEquals(List.of(), senders.conflicts(T0 + 4_000));
    }

    @Test
    void anAgentWhoseSequenceStartedAgainOnANewPortTakesTheStreamOver() {
        judge(FIRST, 100, 86_400_000, 0);
        assertEquals(OWNER, judge(SECOND, 1, 86_500_000, 1_000), "an uptime the collector's clock cannot confirm");
    }

    @Test
    void theSameAgentOnANewPortContinuingItsSequenceTakesTheStreamOver() {
        judge(FIRST, 100, 86_400_000, 0);
        assertEquals(OWNER, judge(SECOND, 101, 86_401_000, 1_000));
        assertEquals(List.of(), senders.conflicts(T0 + 1_000));
    }

    @Test
    void aConflictingSenderTakesOverOnceTheOwnerHasBeenSilentForTwoMinutes() {
        judge(FIRST, 100, 86_400_000, 0);
        judge(SECOND, 7_000, 3_600_000, 50);
        assertEquals(CONFLICTING, judge(SECOND, 7_001, 3_700_000, AgentSenders.TAKE_OVER_AFTER_MILLIS));
        assertEquals(OWNER, judge(SECOND, 7_002, 3_800_000, AgentSenders.TAKE_OVER_AFTER_MILLIS + 1));
        assertEquals(List.of(), senders.conflicts(T0 + AgentSenders.TAKE_OVER_AFTER_MILLIS + 1));
    }

    @Test
    void aConflictIsNoLongerReportedOnceTheOtherSenderWasSilentForTwoMinutes() {
        judge(FIRST, 100, 86_400_000, 0);
        judge(SECOND, 7_000, 3_600_000, 50);
        judge(FIRST, 101, 86_401_000, 100_000);
        judge(FIRST, 102, 86_402_000, 200_000);
        assertEquals(List.of(), senders.conflicts(T0 + 200_000));
    }

    @Test
    void otherSubAgentsAreStreamsOfTheirOwn() {
        judge(FIRST, 100, 86_400_000, 0);
        assertEquals(OWNER, senders.judge(AGENT, 2, SECOND, 7_000, 3_600_000, T0 + 50));
    }
}
