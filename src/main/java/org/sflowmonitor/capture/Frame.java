package org.sflowmonitor.capture;

/**
 * One captured packet as stored in the file.
 *
 * @param number   1-based position of the packet in the file, for messages
 * @param linkType the LINKTYPE_ value of its interface (1 Ethernet, 113 Linux cooked, 101 raw IP, ...)
 * @param data     the captured bytes (possibly cut at the snapshot length)
 */
public record Frame(long number, int linkType, byte[] data) {
}
