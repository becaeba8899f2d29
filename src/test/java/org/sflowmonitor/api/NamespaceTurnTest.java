package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.store.IngestFirst;

/** A call's work, writing its answer as JSON included, is done in its turn. */
class NamespaceTurnTest {

    private static final IngestFirst ONE_AT_A_TIME = new IngestFirst(1, () -> false, 0);

    /** A result whose one field, read as it is written as JSON, says whether another turn could start meanwhile. */
    public static final class Probe {
        public boolean getAnotherTurnCouldStart() throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            Thread other = new Thread(() -> {
                try (IngestFirst.Turn turn = ONE_AT_A_TIME.turn()) {
                    started.countDown();
                }
            });
            other.setDaemon(true);
            other.start();
            return started.await(500, TimeUnit.MILLISECONDS);
        }
    }

    public interface Probing {
        Probe probe();
    }

    @Test
    void aCallsAnswerIsWrittenAsJsonWhileItsTurnIsHeld() {
        ObjectMapper mapper = new ObjectMapper();
        Namespace namespace = new Namespace("t", Probing.class, Probe::new, List.of(), mapper, ONE_AT_A_TIME);

        String json = namespace.invoke(namespace.method("probe"), JsonNodeFactory.instance.objectNode(),
                System.nanoTime()).toString();

        assertEquals("{\"anotherTurnCouldStart\":false}", json);
    }
}
