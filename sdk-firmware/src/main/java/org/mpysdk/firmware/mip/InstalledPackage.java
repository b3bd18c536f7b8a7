package org.mpysdk.firmware.mip;

/**
 * A package the install resolved: one asked for or a dependency.
 *
 * @param name the package name (or the URL it was given as)
 * @param version the version the package description names, or the one asked for when it names none
 * @param variant {@code "py"} for sources, or the bytecode version (e.g. {@code "6"}) of {@code .mpy} files
 * @param source the URL the package description (or single file) came from
 */
public record InstalledPackage(String name, String version, String variant, String source) {
}
