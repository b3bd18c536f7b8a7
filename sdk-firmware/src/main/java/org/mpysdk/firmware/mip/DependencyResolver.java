package org.mpysdk.firmware.mip;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mpysdk.core.BoardException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the packages asked for and their dependencies, as mpremote's {@code mip install} walks them
 * (a package's own files, then each dependency in turn, depth first), but before anything is
 * downloaded or written, so that a missing package or version fails the whole install up front.
 * Each package name is resolved once: a cycle ends, and the first version asked for wins.
 *
 * <p>Unlike mpremote, it reads the index's {@code index.json} first when there is one: a name the
 * index does not list fails with close matches, a version it does not list fails with those it does,
 * and a package without {@code .mpy} files for the board's bytecode version falls back to its sources.
 */
final class DependencyResolver {
    private static final Logger LOG = LoggerFactory.getLogger(DependencyResolver.class);
    /** micropython-lib's deepest chain is a handful; a longer one is a broken index. */
    private static final int MAX_DEPTH = 32;

    private final IndexClient client;
    private final String index;
    private final String boardVariant;
    private final ProgressListener progress;
    private Optional<PackageIndex> catalog;

    /**
     * @param client fetches from the index
     * @param index the index's base URL, without a trailing "/"
     * @param boardVariant {@code "py"}, or the board's bytecode version, e.g. {@code "6"}
     * @param progress receives one {@code mip}/{@code resolve NAME} event per package
     */
    DependencyResolver(IndexClient client, String index, String boardVariant, ProgressListener progress) {
        this.client = client;
        this.index = index;
        this.boardVariant = boardVariant;
        this.progress = progress;
    }

    InstallPlan resolve(List<PackageRequest> requests) throws BoardException {
        List<InstalledPackage> packages = new ArrayList<>();
        Map<String, PlannedFile> files = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (PackageRequest r : requests) {
            resolve(r, "", 0, seen, packages, files);
        }
        return new InstallPlan(packages, List.copyOf(files.values()));
    }

    private void resolve(PackageRequest request, String neededBy, int depth, Set<String> seen,
            List<InstalledPackage> packages, Map<String, PlannedFile> files) throws BoardException {
        if (!seen.add(request.name())) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new MalformedPackageIndexException("the dependencies of " + request.name() + " go deeper than "
                    + MAX_DEPTH + " levels" + neededBy + "; the index is broken");
        }
        PackageSources.requireSupported(request.name(), neededBy);
        progress.onProgress(new Progress("mip", "resolve " + request, packages.size(), -1));
        if (PackageSources.isUrl(request.name()) && isSingleFile(request.name())) {
            String url = request.name();
            String path = IndexJson.relativePath(url.substring(url.lastIndexOf('/') + 1), url);
            packages.add(new InstalledPackage(url, request.versionOrLatest(), url.endsWith(".mpy") ? "mpy" : "py", url));
            put(files, new PlannedFile(path, url, "", url));
            return;
        }
        Located found = PackageSources.isUrl(request.name()) ? byUrl(request) : byName(request, neededBy);
        PackageManifest m = IndexJson.manifest(found.json(), found.url());
        packages.add(new InstalledPackage(request.name(), m.version().isEmpty() ? request.versionOrLatest() : m.version(),
                found.variant(), found.url()));
        for (PackageManifest.HashedFile f : m.hashes()) {
            String h = f.shortHash();
            put(files, new PlannedFile(f.path(), index + "/file/" + h.substring(0, 2) + "/" + h, h, request.name()));
        }
        String where = " (in " + found.url() + ")";
        for (PackageManifest.LinkedFile f : m.urls()) {
            put(files, new PlannedFile(f.path(), PackageSources.link(f.url(), found.url(), where), "", request.name()));
        }
        for (PackageRequest dep : m.deps()) {
            resolve(dep, " (a dependency of " + request.name() + ")", depth + 1, seen, packages, files);
        }
    }

    private static void put(Map<String, PlannedFile> files, PlannedFile f) {
        files.remove(f.path()); // re-inserted last: it is written after the one it replaces would have been
        files.put(f.path(), f);
    }

    private static boolean isSingleFile(String url) {
        return url.endsWith(".py") || url.endsWith(".mpy");
    }

    /** A package description and where it came from. */
    private record Located(String url, String variant, byte[] json) {
    }

    private Located byUrl(PackageRequest request) throws BoardException {
        String url = request.name();
        if (!url.endsWith(".json")) {
            url = (url.endsWith("/") ? url : url + "/") + "package.json";
        }
        byte[] json = client.get(url, "the package description of " + request.name())
                .orElseThrow(() -> new PackageNotFoundException("no package description at " + request.name()
                        + " (HTTP 404); check the URL"));
        return new Located(url, "url", json);
    }

    private Located byName(PackageRequest request, String neededBy) throws BoardException {
        String name = request.name();
        String version = request.versionOrLatest();
        Optional<PackageIndex> listing = catalog();
        String variant = boardVariant;
        if (listing.isPresent()) {
            IndexEntry entry = listing.get().find(name).orElseThrow(() -> notListed(name, neededBy, listing.get()));
            variant = variantFor(entry, version, neededBy);
        }
        Optional<byte[]> json = description(name, variant, version);
        if (json.isEmpty() && !variant.equals("py") && listing.isEmpty()) {
            // Without index.json nothing says whether .mpy files exist; mpremote would stop here.
            LOG.info("{} has no .mpy files for bytecode version {} at {}; installing its sources", name, variant, index);
            variant = "py";
            json = description(name, variant, version);
        }
        if (json.isEmpty()) {
            if (listing.isPresent()) {
                IndexEntry entry = listing.get().find(name).orElseThrow();
                if (entry.versions().isEmpty()) {
                    throw new PackageVersionNotFoundException("the index " + index + " has no version " + version + " of "
                            + name + neededBy + " for " + variantName(variant) + " (its index.json lists no versions)", List.of());
                }
                // index.json says it exists: the index contradicts itself, which a half-finished update does.
                throw new PackageDownloadException("the index " + index + " lists version " + version + " of " + name + neededBy
                        + " for " + variantName(variant) + ", but " + descriptionUrl(name, variant, version)
                        + " is not there (HTTP 404); the index may be half updated: try again later", 404, null);
            }
            throw new PackageNotFoundException("no package " + name + neededBy + " (version " + version + ") at " + index
                    + "; check the name and version, or the index URL");
        }
        return new Located(descriptionUrl(name, variant, version), variant, json.get());
    }

    /** The board's variant when the index has the version there, else the sources, else a typed failure. */
    private String variantFor(IndexEntry entry, String version, String neededBy) throws PackageVersionNotFoundException {
        if (entry.offers(boardVariant, version)) {
            return boardVariant;
        }
        if (!boardVariant.equals("py") && entry.offers("py", version)) {
            LOG.info("{} {} has no .mpy files for bytecode version {}; installing its sources", entry.name(), version, boardVariant);
            return "py";
        }
        List<String> known = entry.known(boardVariant).isEmpty() ? entry.known("py") : entry.known(boardVariant);
        throw new PackageVersionNotFoundException("the index " + index + " has no version " + version + " of "
                + entry.name() + neededBy + " for " + variantName(boardVariant) + "; versions listed: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + (known.isEmpty() ? "" : " (ask for one as " + entry.name() + "@" + known.get(known.size() - 1) + ")"), known);
    }

    private static String variantName(String variant) {
        return variant.equals("py") ? "the sources (py)" : "bytecode version " + variant;
    }

    private PackageNotFoundException notListed(String name, String neededBy, PackageIndex listing) {
        List<String> similar = listing.similar(name);
        return new PackageNotFoundException("the index " + index + " has no package " + name + neededBy
                + (similar.isEmpty() ? "; check the name (the index lists " + listing.packages().size() + " packages)"
                        : "; did you mean " + String.join(", ", similar) + "?"));
    }

    private Optional<byte[]> description(String name, String variant, String version) throws BoardException {
        return client.get(descriptionUrl(name, variant, version), "the description of " + name + " " + version);
    }

    private String descriptionUrl(String name, String variant, String version) {
        return index + "/package/" + variant + "/" + name + "/" + version + ".json";
    }

    /** index.json, fetched once; an index without one is used as mpremote uses every index. */
    private Optional<PackageIndex> catalog() throws BoardException {
        if (catalog == null) {
            String url = index + "/index.json";
            Optional<byte[]> json = client.get(url, "the package index");
            if (json.isEmpty()) {
                LOG.debug("no index.json at {}: asking for package descriptions directly", index);
                catalog = Optional.empty();
            } else {
                catalog = Optional.of(IndexJson.index(json.get(), url));
            }
        }
        return catalog;
    }
}
