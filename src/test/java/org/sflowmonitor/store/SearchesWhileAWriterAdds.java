package org.sflowmonitor.store;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/** A writer thread adds ids 1 to n one after another while this thread searches for ids added already. */
final class SearchesWhileAWriterAdds {

    private SearchesWhileAWriterAdds() {
    }

    /** How many searches {@code found} said false for an id that {@code add} had finished before the search began. */
    static long misses(long n, LongConsumer add, LongPredicate found) throws InterruptedException {
        AtomicLong published = new AtomicLong();
        Thread writer = new Thread(() -> {
            for (long id = 1; id <= n; id++) {
                add.accept(id);
                published.set(id);
            }
        }, "writer");
        writer.start();
        long misses = 0;
        Random random = new Random(3);
        while (writer.isAlive()) {
            long known = published.get();
            if (known > 0 && !found.test(1 + random.nextLong(known))) {
                misses++;
            }
        }
        writer.join();
        return misses;
    }
}
