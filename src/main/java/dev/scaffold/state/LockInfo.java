package dev.scaffold.state;

import static dev.scaffold.state.JsonFields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a state lock: what a lock file records, and what a lock conflict tells the user.
 *
 * @param id the lock's id, which {@code scaffold force-unlock ID} takes
 * @param user the holder's user name
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param operation what the holder is doing, e.g. {@code apply}
 * @param since when the lock was taken
 */
public record LockInfo(String id, String user, String host, long pid, String operation, Instant since) {

    /** The holder in words, e.g. {@code alice@host1 (pid 4242, apply) since 2026-11-28T13:40:00Z}. */
    public String describe() {
        return user + "@" + host + " (pid " + pid + ", " + operation + ") since " + since;
    }

    /** The lock as the JSON a lock file holds. */
    public byte[] toJson() {
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("id", id);
        node.put("user", user);
        node.put("host", host);
        node.put("pid", pid);
        node.put("operation", operation);
        node.put("since", since.toString());
        return PrettyJson.bytes(node);
    }

    /** Reads what {@link #toJson} wrote; a half-written or foreign file is an {@link IllegalArgumentException}. */
    public static LockInfo fromJson(byte[] json) {
        try {
            JsonNode node = PrettyJson.read(json);
            return new LockInfo(
                    requiredText(node, "id"), requiredText(node, "user"), requiredText(node, "host"),
                    node.path("pid").asLong(-1), requiredText(node, "operation"),
                    Instant.parse(requiredText(node, "since")));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a scaffold lock: " + e.getMessage(), e);
        }
    }

    /** The holder a lock file names; empty when it is empty or holds anything else, e.g. a half-written name. */
    public static Optional<LockInfo> parse(byte[] json) {
        try {
            return Optional.of(fromJson(json));
        } catch (IllegalArgumentException notALock) {
            return Optional.empty();
        }
    }
}
