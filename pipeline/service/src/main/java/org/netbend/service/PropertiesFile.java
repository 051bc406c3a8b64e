package org.netbend.service;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** A Java properties file read into a map; a missing file is named in one line. */
final class PropertiesFile {
    private PropertiesFile() { }

    /** @param what the file's role in the message, e.g. "Kafka properties file" */
    static Map<String, String> read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " not found: " + file);
        }
        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            loaded.load(in);
        }
        Map<String, String> entries = new TreeMap<>();
        loaded.stringPropertyNames().forEach(name -> entries.put(name, loaded.getProperty(name)));
        return entries;
    }
}
