package org.mpysdk.core.flash.chips;

import java.io.IOException;

/** How a chip tells which part and revision it is. */
@FunctionalInterface
public interface PartLayout {
    /**
     * @param regs reads the chip's registers
     * @return description and revision
     * @throws IOException when a read fails
     */
    Identity identify(RegisterReader regs) throws IOException;

    /**
     * The layout every ESP32-family chip uses: a package field, a revision, and a name per package.
     *
     * @param packageCode the package field(s)
     * @param revision how the revision is read
     * @param names names the part
     * @return the layout
     */
    static PartLayout efuse(EfuseValue packageCode, RevisionLayout revision, PartNames names) {
        return new Efuse(packageCode, revision, names);
    }

    /**
     * Package, revision and name from eFuses.
     *
     * @param packageCode the package field(s)
     * @param revision how the revision is read
     * @param names names the part
     */
    record Efuse(EfuseValue packageCode, RevisionLayout revision, PartNames names) implements PartLayout {
        @Override
        public Identity identify(RegisterReader regs) throws IOException {
            ChipRevision rev = revision.read(regs);
            return new Identity(names.name(packageCode.read(regs), rev, regs), rev);
        }
    }
}
