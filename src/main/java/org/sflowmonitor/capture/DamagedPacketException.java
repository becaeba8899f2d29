package org.sflowmonitor.capture;

import java.io.IOException;

/** One packet of a capture cannot be read; the packets after it still can. */
public final class DamagedPacketException extends IOException {

    public DamagedPacketException(String message) {
        super(message);
    }
}
