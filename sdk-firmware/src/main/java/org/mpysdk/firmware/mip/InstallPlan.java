package org.mpysdk.firmware.mip;

import java.util.List;

/**
 * What the resolver found: every package in install order and the files to write, each path once (a
 * later package's file replaces an earlier one's, as installing them one after another would).
 *
 * @param packages the requested packages, each followed by its dependencies
 * @param files the files, in install order
 */
record InstallPlan(List<InstalledPackage> packages, List<PlannedFile> files) {
    InstallPlan {
        packages = List.copyOf(packages);
        files = List.copyOf(files);
    }
}
