package org.sflowmonitor.bench;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The cluster simulator's command: plays N hypervisor nodes with M VMs each against a collector
 * on this machine. See docs/simulator.md.
 */
public final class Simulate {

    static final String USAGE = """
            usage: Simulate [--nodes N] [--vms M] [--interval S] [--rate R|max] [--duration S] [--rounds K]
                            [--port P] [--target 127.0.0.1|::1] [--interfaces] [--seed X] [--pcap FILE]
              --nodes     hypervisor nodes (agents 10.0.0.1, 10.0.0.2, ...)            default 10
              --vms       VMs per node                                                  default 10
              --interval  hsflowd polling interval in seconds                           default 20
              --rate      counter samples per second; simulated time runs faster or
                          slower to match (default: real time, one round per interval);
                          max: as fast as possible
              --duration  seconds to send at most                                       default 60
              --rounds    polling rounds to send at most                                default unbounded
              --port      collector UDP port                                            default 6343
              --target    collector address, loopback only                              default 127.0.0.1
              --interfaces  also send each node's two interface samples (ds class 0)
              --seed      identities and counter rates                                  default 1
              --pcap      write the datagrams into this pcap capture instead of sending
                          them (at --rate max unless a rate is given)
            """;

    private Simulate() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "interval", "rate", "duration", "rounds", "port", "target",
                    "seed", "pcap"), Set.of("interfaces"), USAGE);
        ClusterModel model = new ClusterModel(args.integer("nodes", 10), args.integer("vms", 10),
                args.integer("seed", 1));
        int interval = args.integer("interval", 20);
        boolean interfaces = args.flag("interfaces");
        long perRound = model.sources() + (interfaces ? 2L * model.nodes() : 0);
        String rateText = args.string("rate", "");
        String pcap = args.string("pcap", "");
        double rate = rateText.isEmpty() ? (pcap.isEmpty() ? (double) perRound / interval : Double.POSITIVE_INFINITY)
                : rateText.equals("max") ? Double.POSITIVE_INFINITY : Double.parseDouble(rateText);
        ClusterSimulator.Config config = new ClusterSimulator.Config(model, interval, interfaces, rate,
                (long) (args.number("duration", 60) * 1000), args.has("rounds") ? args.integer("rounds", 1)
                : Long.MAX_VALUE);
        InetAddress target = InetAddress.getByName(args.string("target", "127.0.0.1"));
        int port = args.integer("port", 6343);
        System.out.printf(Locale.ROOT, "simulating %d nodes x %d VMs (%d samples per %d s round) -> %s at %s%n",
                model.nodes(), model.vmsPerNode(), perRound, interval,
                pcap.isEmpty() ? target.getHostAddress() + ":" + port : pcap,
                Double.isInfinite(rate) ? "full speed" : String.format(Locale.ROOT, "%.0f samples/s", rate));
        ClusterSimulator simulator = new ClusterSimulator(config);
        ClusterSimulator.Result r;
        try (ClusterSimulator.DatagramSink sink = pcap.isEmpty() ? new UdpTarget(target, port)
                : new PcapFile(Path.of(pcap))) {
            r = simulator.run(sink);
        }
        System.out.printf(Locale.ROOT, "sent %d datagrams, %d samples, %d bytes in %.1f s (%.0f samples/s, "
                        + "%.0f datagrams/s), %d rounds, %d send errors%n", r.datagrams(), r.samples(), r.bytes(),
                r.elapsedNanos() / 1e9, r.samplesPerSecond(), r.datagramsPerSecond(), r.rounds(), r.sendErrors());
    }
}
