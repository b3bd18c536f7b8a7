/** MicroPython firmware: the micropython.org catalog and download cache, image verification, mip installs. */
module org.mpysdk.firmware {
    requires transitive org.mpysdk.core;
    // OkHttpClient is a builder argument (FirmwareCatalog, PackageInstaller).
    requires transitive okhttp3;
    requires com.fasterxml.jackson.databind;
    requires org.jsoup;
    requires org.slf4j;

    exports org.mpysdk.firmware;
    exports org.mpysdk.firmware.mip;

    // Jackson binds the board table and the cache's metadata files to (private) records here.
    opens org.mpysdk.firmware to com.fasterxml.jackson.databind;
}
