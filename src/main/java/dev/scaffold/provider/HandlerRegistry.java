package dev.scaffold.provider;

import dev.scaffold.schema.ResourceTypes;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The handlers available to a run, found by resource type. */
public final class HandlerRegistry {

    private final Map<String, ResourceHandler> byType = new LinkedHashMap<>();

    public HandlerRegistry(Collection<? extends ResourceHandler> handlers) {
        for (ResourceHandler handler : handlers) {
            if (byType.putIfAbsent(handler.type(), handler) != null) {
                throw new IllegalArgumentException("two handlers for " + handler.type());
            }
        }
    }

    public static HandlerRegistry of(ResourceHandler... handlers) {
        return new HandlerRegistry(List.of(handlers));
    }

    /** The handler for a type; a type without one is a bug in the component that produced it. */
    public ResourceHandler handler(String type) {
        ResourceHandler handler = byType.get(type);
        if (handler == null) {
            throw new IllegalStateException("no handler for resource type " + type);
        }
        return handler;
    }

    public Collection<ResourceHandler> all() {
        return byType.values();
    }

    /** The schemas of the handlers' types, for the planner. */
    public ResourceTypes types() {
        return ResourceTypes.of(byType.values().stream().map(ResourceHandler::schema).toList());
    }

}
