package dev.rolechain.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A policy in a Setup is kept as the text {@code JsonNode.toString} writes, numbers of every kind included. */
class LocatedJsonTextTest {
    @Test
    void treesAreWrittenAsToStringWritesThem() {
        for (String json : List.of("{\"a\":1}", "{\"n\":[0,-0,1.50,1e2,-1E-7,12345678901234567890123,3.0e400,0.1]}",
                "{\"s\":\"\\u0001\\u00e9\\u2028</\\\"\",\"t\":true,\"f\":false,\"z\":null,\"o\":{},\"e\":[]}")) {
            LocatedJson read = LocatedJson.read(json);
            assertThat(LocatedJson.text(read.root())).as(json).isEqualTo(read.root().toString());
        }
    }
}
