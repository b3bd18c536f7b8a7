/** Sample programs and the {@code mpy} command line (shipped as a shaded jar, run on the class path). */
module org.mpysdk.samples {
    requires org.mpysdk.core;
    requires org.mpysdk.serial;
    requires org.mpysdk.webrepl;
    requires org.mpysdk.firmware;
    requires org.mpysdk.testkit;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    // picocli sets the commands' option fields; Jackson writes the --json documents.
    opens org.mpysdk.samples.cli to info.picocli, com.fasterxml.jackson.databind;
}
