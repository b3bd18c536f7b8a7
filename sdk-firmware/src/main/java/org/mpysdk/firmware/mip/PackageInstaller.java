package org.mpysdk.firmware.mip;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.mpysdk.Board;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.firmware.mip.BoardWriter.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs MicroPython packages from a micropython-lib style index onto a board: mpremote's
 * {@code mip install}, run from the host.
 *
 * <pre>{@code
 * try (Board board = Board.open("/dev/ttyUSB0")) {
 *     InstallReport r = PackageInstaller.builder().build().install(board, "logging", "base64@3.3.6");
 *     board.repl().exec("import logging; logging.getLogger('app').warning('hello')");
 * }
 * }</pre>
 *
 * <p>An install first resolves every package and dependency ({@code index.json}, then
 * {@code package/{variant}/{name}/{version}.json}), then downloads every file and checks it against the
 * SHA-256 prefix the index gives ({@code file/{hash[:2]}/{hash}}), and only then writes to the board,
 * into {@code /lib} unless told otherwise: a missing package, a missing version, a network failure or a
 * damaged file fails before the board is touched. Files the board already has with the same content
 * are skipped; every other one is written with {@link org.mpysdk.core.repl.BoardFiles#put}, verified on
 * the board. The variant is the board's {@code .mpy} bytecode version ({@code sys.implementation._mpy})
 * when the index has it, else the sources ({@code py}); {@link Builder#mpy(boolean) mpy(false)} always
 * takes the sources.
 *
 * <p>Progress goes to the board's listener ({@link Board#onProgress}) as operation {@code "mip"} with
 * phases {@code resolve NAME}, {@code download PATH}, {@code install PATH}, {@code unchanged PATH}, beside
 * the {@code put} events of each write; {@link Board#cancel()} stops the install between files. Only
 * plain {@code http(s)} URLs are fetched: {@code github:} style shorthands fail with
 * {@link UnsupportedPackageSourceException} naming the URL to give instead. Files a package lists under
 * {@code urls} have no hash in the index and are checked only on their way to the board, as in mpremote.
 * An installer holds no state between installs and may be shared.
 */
public final class PackageInstaller {
    /** micropython-lib's index, the one mpremote and the on-board {@code mip} use by default. */
    public static final String DEFAULT_INDEX = "https://micropython.org/pi/v2";
    /** The folder packages go into unless told otherwise. */
    public static final String DEFAULT_TARGET = "/lib";

    private static final Logger LOG = LoggerFactory.getLogger(PackageInstaller.class);

    private final String index;
    private final String target;
    private final boolean mpy;
    private final OkHttpClient http;

    private PackageInstaller(Builder b) {
        this.index = b.index;
        this.target = b.target;
        this.mpy = b.mpy;
        this.http = b.http != null ? b.http : new OkHttpClient.Builder().callTimeout(Duration.ofMinutes(1)).build();
    }

    /** @return a builder with micropython-lib's index, target {@code /lib} and {@code .mpy} files where available */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the index's base URL, without a trailing "/" */
    public String index() {
        return index;
    }

    /** @return the board folder packages go into */
    public String target() {
        return target;
    }

    /**
     * As {@link #install(Board, List)}, with packages in mpremote's form.
     *
     * @param board the board to install onto
     * @param packages e.g. {@code "logging"}, {@code "logging@0.6.2"}, an http(s) URL
     * @return what was installed, written and skipped
     * @throws IllegalArgumentException when a package is blank or its version is not a version
     * @throws IOException as {@link #install(Board, List)}
     */
    public InstallReport install(Board board, String... packages) throws IOException {
        return install(board, Arrays.stream(packages).map(PackageRequest::parse).toList());
    }

    /**
     * Installs packages and their dependencies onto the board.
     *
     * @param board the board to install onto; its progress listener and cancellation are used
     * @param packages the packages to install, in order
     * @return what was installed, written and skipped
     * @throws PackageNotFoundException when the index has no such package (nothing written)
     * @throws PackageVersionNotFoundException when it has the package but not that version (nothing written)
     * @throws PackageHashMismatchException when a downloaded file is not what the index says (nothing written)
     * @throws PackageDownloadException on a network failure or an HTTP error (nothing written)
     * @throws UnsupportedPackageSourceException for a {@code github:} shorthand, a local path or another scheme
     * @throws MalformedPackageIndexException when the index answers something that is not an index
     * @throws BoardOutOfSpaceException when the board's filesystem fills up; it says what was written
     * @throws org.mpysdk.core.OperationCancelledException when cancelled; files written so far stay
     * @throws IOException another failure of the board or its link
     */
    public InstallReport install(Board board, List<PackageRequest> packages) throws IOException {
        Objects.requireNonNull(board, "board");
        ProgressListener progress = board.progressListener();
        Cancellation cancellation = board.cancellation();
        String variant = mpy ? BytecodeVersion.of(board.repl()) : "py";
        LOG.info("installing {} from {} into {} (variant {})", packages, index, target, variant);
        IndexClient client = new IndexClient(http, cancellation);
        InstallPlan plan = new DependencyResolver(client, index, variant, progress).resolve(packages);
        List<DownloadedFile> files = new FileDownloader(client, progress).download(plan.files());
        Outcome o = new BoardWriter(board.repl().files(), target, progress, cancellation).write(files);
        LOG.info("installed {}: {} files written, {} unchanged", plan.packages(), o.written().size(), o.unchanged().size());
        return new InstallReport(target, plan.packages(), o.written(), o.unchanged(), o.bytes());
    }

    /** Sets up a {@link PackageInstaller}. */
    public static final class Builder {
        private String index = DEFAULT_INDEX;
        private String target = DEFAULT_TARGET;
        private boolean mpy = true;
        private OkHttpClient http;

        private Builder() {
        }

        /**
         * @param url the index's base URL, the folder holding {@code index.json}, {@code package/} and
         *     {@code file/} (default {@link #DEFAULT_INDEX})
         * @return this builder
         * @throws IllegalArgumentException when it is not an http(s) URL
         */
        public Builder index(String url) {
            Objects.requireNonNull(url, "url");
            if (!PackageSources.isUrl(url) || okhttp3.HttpUrl.parse(url) == null) {
                throw new IllegalArgumentException("the index must be an http(s) URL, got '" + url + "'");
            }
            String u = url.strip();
            while (u.endsWith("/")) {
                u = u.substring(0, u.length() - 1);
            }
            this.index = u;
            return this;
        }

        /**
         * @param folder the absolute board folder to install into (default {@link #DEFAULT_TARGET});
         *     created when missing
         * @return this builder
         * @throws IllegalArgumentException when it is not an absolute path with plain parts
         */
        public Builder target(String folder) {
            Objects.requireNonNull(folder, "folder");
            String f = folder.strip();
            while (f.length() > 1 && f.endsWith("/")) {
                f = f.substring(0, f.length() - 1);
            }
            if (!f.startsWith("/") || f.contains("\\")
                    || !f.equals("/") && Arrays.stream(f.substring(1).split("/", -1)).anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."))) {
                throw new IllegalArgumentException("the target must be an absolute board folder such as /lib, got '" + folder + "'");
            }
            this.target = f;
            return this;
        }

        /**
         * @param useMpy true (the default) to install {@code .mpy} files for the board's bytecode version
         *     where the index has them; false to always install the sources
         * @return this builder
         */
        public Builder mpy(boolean useMpy) {
            this.mpy = useMpy;
            return this;
        }

        /**
         * @param client the OkHttp client to use (proxies, timeouts, interceptors); by default one with a
         *     one-minute bound per request
         * @return this builder
         */
        public Builder httpClient(OkHttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        /** @return the installer */
        public PackageInstaller build() {
            return new PackageInstaller(this);
        }
    }
}
