package dev.scaffold.schema;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Everything scaffold decides about one AWS resource type from data rather than code: how each
 * attribute is compared and whether changing it forces a replace, in which order a replace runs,
 * how long changes take, and which types its resources may depend on.
 *
 * @param name the CloudFormation type name, e.g. {@code AWS::ElasticLoadBalancingV2::TargetGroup}
 * @param attributes the attributes that are not plain (see {@link AttributeSchema#plain}), by name
 * @param createsBeforeDeleting whether a replace creates the new resource before it deletes the old
 *     one: a type needs this when others refer to it and AWS refuses to delete it while they do
 *     (a target group a listener forwards to); they move to the new one first
 * @param nameAttribute the attribute that holds the resource's name in AWS, or {@code null}: a replace
 *     that keeps the name cannot create first, since two resources cannot share the name
 * @param typical how long changes of this type typically take
 * @param references the types a resource of this type may depend on; a resource of a type among
 *     them is deleted after it even when the state recorded no dependency (an orphan's)
 * @param lookup whether scaffold only reads resources of this type (a data source), never changes them
 * @param deletionProtection the boolean attribute that, when true, protects the resource from deletion
 *     (AWS's own deletion protection), or {@code null}: neither destroy nor apply deletes or replaces
 *     a protected resource; the plan says so and apply refuses before any change
 * @param readsAfter the types whose resources a refresh must have read before it reads this type's: those
 *     its resources are found through by their deterministic names (a listener through its load balancer,
 *     a security group through its VPC)
 * @param taggable whether AWS lets its resources carry tags; one that cannot (a scaling policy, a web ACL's
 *     association) is this state's through its parent, and a plan shows and compares no tags of it
 * @param refusals the changes no plan may make, by attribute ({@link Refusal}): the plan fails naming them
 * @param keptByUpdates the computed attributes AWS sets once, at creation, that no in-place update changes (a
 *     database's endpoint): a ref to one stays known across an update, so what uses it is not planned again
 */
public record ResourceType(String name, Map<String, AttributeSchema> attributes, boolean createsBeforeDeleting,
                           String nameAttribute, Durations typical, Set<String> references, boolean lookup,
                           String deletionProtection, Set<String> readsAfter, boolean taggable,
                           Map<String, Refusal> refusals, Set<String> keptByUpdates) {

    public ResourceType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typical, "typical");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        references = Collections.unmodifiableSet(new TreeSet<>(references));
        readsAfter = Collections.unmodifiableSet(new TreeSet<>(readsAfter));
        refusals = Collections.unmodifiableMap(new LinkedHashMap<>(refusals));
        keptByUpdates = Collections.unmodifiableSet(new TreeSet<>(keptByUpdates));
        if (createsBeforeDeleting && lookup) {
            throw new IllegalArgumentException(name + ": a looked-up type is never replaced");
        }
    }

    /** Starts the declaration of a managed type. */
    public static Builder managed(String name) {
        return new Builder(name, false);
    }

    /** Starts the declaration of a type scaffold only looks up. */
    public static Builder lookup(String name) {
        return new Builder(name, true);
    }

    /** Whether a resource of this type with these recorded attributes is protected from deletion. */
    public boolean protectsFromDeletion(Map<String, Object> attributes) {
        return protectsFromDeletion(attributes, Boolean.TRUE::equals);
    }

    /**
     * As {@link #protectsFromDeletion(Map)}, for attributes that may hold a value only as a digest (a
     * sensitive one, as the state records it): {@code isTrue} tells whether a recorded value stands for true.
     */
    public boolean protectsFromDeletion(Map<String, Object> attributes, Predicate<Object> isTrue) {
        return deletionProtection != null && isTrue.test(attributes.get(deletionProtection));
    }

    /** The refusal of a change from {@code before} to {@code after} of the attribute, or {@code null} if it may change. */
    public Refusal refusal(String attribute, Object before, Object after) {
        Refusal refusal = refusals.get(attribute);
        return refusal != null && refusal.refuses(before, after) ? refusal : null;
    }

    /** How an attribute is treated; one not declared is plain. */
    public AttributeSchema attribute(String attribute) {
        AttributeSchema declared = attributes.get(attribute);
        return declared != null ? declared : AttributeSchema.plain(attribute);
    }

    /** Builds a {@link ResourceType}; every attribute not mentioned is plain. */
    public static final class Builder {
        private final String name;
        private final boolean lookup;
        private final Map<String, AttributeSchema> attributes = new LinkedHashMap<>();
        private boolean createsBeforeDeleting;
        private String nameAttribute;
        private Durations typical = Durations.DEFAULT;
        private final Set<String> references = new TreeSet<>();
        private final Set<String> readsAfter = new TreeSet<>();
        private boolean taggable = true;
        private String deletionProtection;
        private final Map<String, Refusal> refusals = new LinkedHashMap<>();
        private final Set<String> keptByUpdates = new TreeSet<>();

        private Builder(String name, boolean lookup) {
            this.name = name;
            this.lookup = lookup;
        }

        /** Attributes any change of which replaces the resource. */
        public Builder forcesReplace(String... names) {
            for (String attribute : names) {
                replaceWhen(attribute, ReplaceRule.ALWAYS);
            }
            return this;
        }

        /** An attribute whose change replaces the resource only as {@code rule} says. */
        public Builder replaceWhen(String attribute, ReplaceRule rule) {
            AttributeSchema a = current(attribute);
            return put(new AttributeSchema(attribute, rule, a.computed(), a.sensitive(), a.writeOnly(), a.unordered(),
                    a.metBy()));
        }

        /**
         * An attribute whose value AWS may move on from while still fulfilling the blueprint's (a minor version
         * AWS upgraded to): a plan changes it only when {@code metBy} (the blueprint's value, then AWS's) says no.
         */
        public Builder metWhen(String attribute, BiPredicate<Object, Object> metBy) {
            AttributeSchema a = current(attribute);
            return put(new AttributeSchema(attribute, a.replace(), a.computed(), a.sensitive(), a.writeOnly(),
                    a.unordered(), metBy));
        }

        /** Attributes AWS sets. */
        public Builder computed(String... names) {
            for (String attribute : names) {
                AttributeSchema a = current(attribute);
                put(new AttributeSchema(attribute, a.replace(), true, a.sensitive(), a.writeOnly(), a.unordered(),
                        a.metBy()));
            }
            return this;
        }

        /** Attributes AWS sets once, at creation, and no in-place update changes; see {@link #keptByUpdates}. */
        public Builder computedAtCreation(String... names) {
            computed(names);
            keptByUpdates.addAll(List.of(names));
            return this;
        }

        /** Attributes never to be shown or stored in clear. */
        public Builder sensitive(String... names) {
            for (String attribute : names) {
                AttributeSchema a = current(attribute);
                put(new AttributeSchema(attribute, a.replace(), a.computed(), true, a.writeOnly(), a.unordered(),
                        a.metBy()));
            }
            return this;
        }

        /** Attributes AWS never returns; write-only values are also sensitive. */
        public Builder writeOnly(String... names) {
            for (String attribute : names) {
                AttributeSchema a = current(attribute);
                put(new AttributeSchema(attribute, a.replace(), a.computed(), true, true, a.unordered(),
                        a.metBy()));
            }
            return this;
        }

        /** List attributes whose order does not matter. */
        public Builder unordered(String... names) {
            for (String attribute : names) {
                AttributeSchema a = current(attribute);
                put(new AttributeSchema(attribute, a.replace(), a.computed(), a.sensitive(), a.writeOnly(), true,
                        a.metBy()));
            }
            return this;
        }

        /** A replace creates the new resource first, unless it keeps the name held in {@code nameAttribute}. */
        public Builder createsBeforeDeleting(String nameAttribute) {
            this.createsBeforeDeleting = true;
            this.nameAttribute = nameAttribute;
            return this;
        }

        public Builder durations(Duration create, Duration update, Duration delete) {
            this.typical = new Durations(create, update, delete);
            return this;
        }

        /** The boolean attribute that protects a resource of this type from deletion when true. */
        public Builder deletionProtection(String attribute) {
            this.deletionProtection = attribute;
            return this;
        }

        /** Types a resource of this type may depend on. */
        public Builder references(String... types) {
            references.addAll(Set.of(types));
            return this;
        }

        /** Types whose resources a refresh reads before this type's, to find its resources through them. */
        public Builder readsAfter(String... types) {
            readsAfter.addAll(Set.of(types));
            return this;
        }

        /**
         * A change of {@code attribute} that no plan may make, as {@code rule} tells by the old and new value;
         * {@code message} completes "ATTRIBUTE …" ({@link Refusal#message}).
         */
        public Builder refusesWhen(String attribute, ReplaceRule rule, String message) {
            refusals.put(attribute, new Refusal(attribute, rule, message));
            return this;
        }

        /** Resources of this type cannot carry tags. */
        public Builder untagged() {
            this.taggable = false;
            return this;
        }

        public ResourceType build() {
            return new ResourceType(name, attributes, createsBeforeDeleting, nameAttribute, typical, references, lookup,
                    deletionProtection, readsAfter, taggable, refusals, keptByUpdates);
        }

        private AttributeSchema current(String attribute) {
            return attributes.getOrDefault(attribute, AttributeSchema.plain(attribute));
        }

        private Builder put(AttributeSchema attribute) {
            attributes.put(attribute.name(), attribute);
            return this;
        }
    }
}
