package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.capture.CaptureReader;
import org.sflowmonitor.capture.Frame;
import org.sflowmonitor.capture.UdpPayloads;

/** Damaged capture files: reading them only ever raises IOException subtypes, and always ends. */
class CaptureFuzzTest {

    @Test
    void mutatedCapturesOnlyEverRaiseIoExceptions() {
        byte[] v4 = CaptureFiles.ethernet(0x0800, CaptureFiles.udp4("192.0.2.2", "192.0.2.10", 1, 6343,
                DecodeCommandTest.DATAGRAM), 7);
        byte[] v6 = CaptureFiles.linuxSll2(0x86DD, CaptureFiles.udp6("2001:db8::2", "2001:db8::1", 1, 6343,
                DecodeCommandTest.DATAGRAM));
        List<byte[]> seeds = List.of(
                CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false, CaptureFiles.ETHERNET, v4, v4),
                CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, true, CaptureFiles.LINUX_SLL2, v6),
                CaptureFiles.pcapng(ByteOrder.LITTLE_ENDIAN, CaptureFiles.ETHERNET, v4, v4),
                CaptureFiles.pcapngSimple(ByteOrder.BIG_ENDIAN, CaptureFiles.LINUX_SLL2, v6));
        Random random = new Random(7);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
                for (int e = 1 + random.nextInt(4); e > 0; e--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
                if (random.nextInt(4) == 0) {
                    input = Arrays.copyOf(input, random.nextInt(input.length + 1));
                }
                try {
                    readAll(input);
                } catch (RuntimeException e) {
                    fail("mutation " + i + " raised " + e, e);
                }
            }
        });
    }

    private static void readAll(byte[] capture) {
        try (CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(capture))) {
            for (int packets = 0; packets < 100; packets++) {
                try {
                    Frame frame = reader.next();
                    if (frame == null) {
                        return;
                    }
                    UdpPayloads.find(frame);
                } catch (org.sflowmonitor.capture.DamagedPacketException damaged) {
                    // reported by the command; the next packet is read
                }
            }
        } catch (IOException expected) {
            // not a capture, or cut short
        }
    }
}
