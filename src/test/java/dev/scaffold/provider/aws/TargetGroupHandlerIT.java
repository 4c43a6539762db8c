package dev.scaffold.provider.aws;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulator.class)
class TargetGroupHandlerIT {

    private static TargetGroupHandler handler;
    private static String vpcId;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new TargetGroupHandler(aws.elbv2());
        vpcId = aws.ec2().describeVpcs().join().vpcs().get(0).vpcId();
    }

    @Test
    void targetGroupIsCreatedReadUpdatedInPlaceAndDeleted() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "target-group");
        ResourceSpec desired = spec(address, "shop-web", "/health", "least_outstanding_requests", false);

        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec sticky = spec(address, "shop-web", "/ready", "round_robin", true);
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(sticky, afterCreate, planned(sticky, afterCreate), updating).join();
        assertThat(updating.operations()).containsSubsequence("ModifyTargetGroup", "ModifyTargetGroupAttributes")
                .doesNotContain("AddTags", "RemoveTags");
        assertThat(updated.physicalId()).isEqualTo(created.physicalId());
        assertNoChanges(sticky, found(handler.read(known(updated), List.of(), read)).get(address));

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void orphanIsFoundByItsAddressTagWithOneDescribeAndOneTagCall() {
        ResourceAddress known = ResourceAddress.of("loadBalancers", "api", "target-group");
        ResourceAddress orphan = ResourceAddress.of("loadBalancers", "admin", "target-group");
        Observed inState = handler.create(spec(known, "shop-api", "/", "round_robin", false),
                new TestApplyContext(known)).join();
        handler.create(spec(orphan, "shop-admin", "/", "round_robin", false), new TestApplyContext(orphan)).join();
        Fixtures.CountingCalls calls = new Fixtures.CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(inState), List.of(), new ReadContext(STACK, ENV, calls)));

        assertThat(found).containsKeys(known, orphan);
        assertThat(found.get(orphan).attributes()).containsEntry("name", "shop-admin");
        assertThat(calls.counts()).containsEntry("DescribeTargetGroups", 1).containsEntry("DescribeTags", 1);
    }

    private static ResourceSpec spec(ResourceAddress address, String name, String path, String algorithm,
                                     boolean sticky) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("protocol", "HTTP");
        attributes.put("port", 8080);
        attributes.put("vpcId", vpcId);
        attributes.put("targetType", "instance");
        attributes.put("healthCheckPath", path);
        attributes.put("healthCheckIntervalSeconds", 15);
        attributes.put("healthCheckTimeoutSeconds", 5);
        attributes.put("healthyThresholdCount", 2);
        attributes.put("unhealthyThresholdCount", 3);
        attributes.put("healthCheckMatcher", "200-399");
        attributes.put("loadBalancingAlgorithm", algorithm);
        attributes.put("stickinessEnabled", sticky);
        attributes.put("stickinessType", "lb_cookie");
        return ResourceSpec.managed(address, Elbv2Types.TARGET_GROUP.name(), attributes, Fixtures.tags(address));
    }
}
