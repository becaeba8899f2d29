package org.sflowmonitor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.sflow.Sample;
import org.sflowmonitor.sflow.SflowDatagram;
import org.sflowmonitor.sflow.SflowDecoder;

/** The bare JDBC ceiling inserts the simulator's samples, in the order that matters for the index. */
class JdbcCeilingOrderTest {

    private static final ClusterModel MODEL = new ClusterModel(5, 4, 1);
    private static final int INTERVAL = 3;

    @Test
    void arrivalOrderIsTheOrderTheSimulatorSendsTheSamplesIn() throws Exception {
        List<String> sent = sentBySimulator(2);
        assertEquals(2 * MODEL.sources(), sent.size());
        JdbcCeiling.Samples arrival = JdbcCeiling.samples(JdbcCeiling.Order.ARRIVAL, MODEL, INTERVAL);

        assertEquals(sent, take(arrival, sent.size()));
    }

    @Test
    void nodeOrderGivesEachNodeItsOwnSampleAndThenItsVmsOneNodeAfterTheOther() {
        JdbcCeiling.Samples node = JdbcCeiling.samples(JdbcCeiling.Order.NODE, MODEL, INTERVAL);

        assertEquals(List.of("0/node", "0/vm0", "0/vm1", "0/vm2", "0/vm3", "1/node", "1/vm0"), take(node, 7));
    }

    @Test
    void bothOrdersCoverEverySourceOncePerRound() throws Exception {
        for (JdbcCeiling.Order order : JdbcCeiling.Order.values()) {
            List<String> round = take(JdbcCeiling.samples(order, MODEL, INTERVAL), (int) MODEL.sources());
            assertEquals(MODEL.sources(), round.stream().distinct().count(), order.name());
        }
    }

    private static List<String> take(JdbcCeiling.Samples samples, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.next();
            out.add(samples.node() + "/" + (samples.source() == PollingSchedule.NODE ? "node" : "vm" + samples.source()));
        }
        return out;
    }

    /** "node/source" of every sample the simulator sends in {@code rounds} polling rounds, decoded from its datagrams. */
    private static List<String> sentBySimulator(int rounds) throws Exception {
        Map<Long, Integer> vmByDsIndex = new HashMap<>();
        for (int n = 0; n < MODEL.nodes(); n++) {
            for (int v = 0; v < MODEL.vmsPerNode(); v++) {
                vmByDsIndex.put(((long) n << 32) | MODEL.vmDsIndex(n, v), v);
            }
        }
        List<String> sent = new ArrayList<>();
        ClusterSimulator sim = new ClusterSimulator(new ClusterSimulator.Config(MODEL, INTERVAL, false,
                Double.POSITIVE_INFINITY, 60_000, rounds));
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 6343);
        List<Exception> failures = new ArrayList<>();
        sim.run(buffer -> {
            try {
                SflowDatagram d = SflowDecoder.DEFAULT.decode(buffer, from, 0);
                byte[] a = d.agentAddress().getAddress();
                int node = (((a[1] & 255) << 16) | ((a[2] & 255) << 8) | (a[3] & 255)) - 1;
                for (Sample s : d.samples()) {
                    Sample.Counters c = (Sample.Counters) s;
                    sent.add(node + "/" + (c.sourceIdType() == 2 ? "node"
                            : "vm" + vmByDsIndex.get(((long) node << 32) | c.sourceIdIndex())));
                }
            } catch (Exception e) {
                failures.add(e);
            }
        });
        assertEquals(List.of(), failures);
        return sent;
    }
}
