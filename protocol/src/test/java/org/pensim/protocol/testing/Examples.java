package org.pensim.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pensim.protocol.json.ProtocolJson;

/** The documents in {@code docs/examples/}, which tests keep valid. */
public final class Examples {

    public static final Path DIR = locate();

    private Examples() {
    }

    public static ObjectNode json(String file) {
        try {
            return (ObjectNode) ProtocolJson.parse(Files.readString(DIR.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode notification() {
        return json("notification.json");
    }

    public static JsonNode at(ObjectNode doc, String pointer) {
        return doc.at(pointer);
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/examples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/examples not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/examples");
    }
}
