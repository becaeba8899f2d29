package org.sflowmonitor.capture;

import java.io.IOException;

/** The file is not a pcap or pcapng capture, or its framing is broken beyond recovery. */
public final class CaptureFormatException extends IOException {

    public CaptureFormatException(String message) {
        super(message);
    }
}
