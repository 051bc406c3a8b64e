package org.netbend.service;

/** The service's three topics, keyed by job id. */
public record Topics(String requests, String progress, String results) {
    public static final Topics DEFAULT = new Topics("netbend.requests", "netbend.progress", "netbend.results");

    public Topics {
        for (String name : new String[] {requests, progress, results}) {
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,249}")) {
                throw new IllegalArgumentException("a Kafka topic name must match [A-Za-z0-9._-]{1,249}, got '" + name + "'");
            }
        }
    }
}
