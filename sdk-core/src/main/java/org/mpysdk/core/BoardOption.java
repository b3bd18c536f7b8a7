package org.mpysdk.core;

/**
 * Marker for options passed to {@link org.mpysdk.Board#open(String, BoardOption...)}, such as a WebREPL password
 * or a baud rate. Each transport reads the options it knows and ignores the rest.
 */
public interface BoardOption {
}
