package dev.scaffold.provider.aws.ec2;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.DataSource;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * Looks up the subnets the stack spreads over: with {@code subnets: default}, the default VPC's
 * default subnet of each availability zone (or, for a VPC given by id, all its subnets); otherwise
 * the subnets given by id, all of which must exist.
 *
 * <p>Lookup attributes: {@code vpc} ({@code default} or an id), {@code subnets} ({@code default} or a
 * list of ids). Read attributes: both echoed, {@code subnetIds} (sorted), {@code vpcId}, {@code availabilityZones}
 * (their zones, sorted).
 */
public final class SubnetsLookup implements DataSource {

    private final AwsClients aws;

    public SubnetsLookup(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceType schema() {
        return Ec2Types.SUBNETS;
    }

    /** One DescribeSubnets per page for all lookups together, filtered when there is just one lookup. */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> lookups, ReadContext ctx) {
        if (lookups.isEmpty()) {
            return List.of();
        }
        List<Filter> filters = lookups.size() == 1 ? filter(lookups.iterator().next()) : List.of();
        List<Subnet> subnets = describe(ctx, filters);
        List<Observed> found = new ArrayList<>();
        for (ResourceSpec lookup : lookups) {
            List<Subnet> matching = subnets.stream().filter(subnet -> matches(lookup, subnet)).toList();
            Object wanted = lookup.attributes().get("subnets");
            boolean complete = wanted instanceof List<?> ids ? matching.size() == new TreeSet<>(ids).size()
                    : !matching.isEmpty();
            if (complete) {
                found.add(observe(lookup, matching));
            }
        }
        return found;
    }

    private static boolean matches(ResourceSpec lookup, Subnet subnet) {
        Object vpc = lookup.attributes().getOrDefault("vpc", Ec2Types.DEFAULT_SELECTOR);
        Object wanted = lookup.attributes().getOrDefault("subnets", Ec2Types.DEFAULT_SELECTOR);
        if (wanted instanceof List<?> ids) {
            return ids.contains(subnet.subnetId());
        }
        if (Ec2Types.DEFAULT_SELECTOR.equals(vpc)) {
            return Boolean.TRUE.equals(subnet.defaultForAz());
        }
        return vpc.equals(subnet.vpcId());
    }

    private static List<Filter> filter(ResourceSpec lookup) {
        Object vpc = lookup.attributes().getOrDefault("vpc", Ec2Types.DEFAULT_SELECTOR);
        Object wanted = lookup.attributes().getOrDefault("subnets", Ec2Types.DEFAULT_SELECTOR);
        if (wanted instanceof List<?> ids) {
            return List.of(Filter.builder().name("subnet-id").values(ids.stream().map(String::valueOf).toList()).build());
        }
        if (Ec2Types.DEFAULT_SELECTOR.equals(vpc)) {
            return List.of(Filter.builder().name("default-for-az").values("true").build());
        }
        return List.of(Filter.builder().name("vpc-id").values(String.valueOf(vpc)).build());
    }

    private List<Subnet> describe(ReadContext ctx, List<Filter> filters) {
        return ReadCalls.pages(ctx, "DescribeSubnets",
                token -> Ec2Client.of(aws).describeSubnets(r -> r.filters(filters).nextToken(token)),
                DescribeSubnetsResponse::subnets, DescribeSubnetsResponse::nextToken);
    }

    private static Observed observe(ResourceSpec lookup, List<Subnet> subnets) {
        List<String> ids = subnets.stream().map(Subnet::subnetId).sorted().toList();
        Set<String> vpcs = new TreeSet<>();
        subnets.forEach(subnet -> vpcs.add(subnet.vpcId()));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("vpc", lookup.attributes().getOrDefault("vpc", Ec2Types.DEFAULT_SELECTOR));
        attributes.put("subnets", lookup.attributes().getOrDefault("subnets", Ec2Types.DEFAULT_SELECTOR));
        attributes.put("subnetIds", ids);
        attributes.put("vpcId", String.join(",", vpcs));
        attributes.put("availabilityZones", subnets.stream().map(Subnet::availabilityZone).distinct().sorted().toList());
        return new Observed(lookup.address(), Ec2Types.SUBNETS.name(), String.join(",", ids), null, attributes, Map.of());
    }
}
