package org.mpysdk.webrepl;

/**
 * The MicroPython version a board reports over WebREPL.
 *
 * @param major for example 1
 * @param minor for example 24
 * @param micro for example 1
 */
public record MicroPythonVersion(int major, int minor, int micro) {
    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
