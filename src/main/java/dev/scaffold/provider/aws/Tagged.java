package dev.scaffold.provider.aws;

import java.util.Map;

/**
 * A resource as AWS describes it, with the tags it carries.
 *
 * @param resource the SDK's object, e.g. a {@code LoadBalancer}
 * @param tags its tags
 */
public record Tagged<T>(T resource, Map<String, String> tags) {

    public Tagged {
        tags = Map.copyOf(tags);
    }
}
