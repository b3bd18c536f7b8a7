package org.mpysdk.samples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/** What the CLI prints for scripts: one JSON document on stdout. */
final class Output {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {
    }

    static void json(Object value) throws IOException {
        System.out.println(MAPPER.writeValueAsString(value));
    }
}
