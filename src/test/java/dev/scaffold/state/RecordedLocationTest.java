package dev.scaffold.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordedLocationTest {

    @Test
    void aStateThatRecordsItsLocationIsTakenAtItsWord() {
        State state = formatOne("arn:aws:ec2:eu-west-1:222222222222:security-group/sg-1")
                .withLocation("us-east-1", "111111111111");

        RecordedLocation location = RecordedLocation.of(state);

        assertThat(location.regions()).containsExactly("us-east-1");
        assertThat(location.accountIds()).containsExactly("111111111111");
        assertThat(location.fromArns()).isFalse();
    }

    @Test
    void withoutARecordedLocationTheRegionMostArnsNameIsTheStacks() {
        RecordedLocation location = RecordedLocation.of(formatOne(
                "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/shop-web/1",
                "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/shop-web/2",
                "arn:aws:acm:us-east-1:111111111111:certificate/3",
                "arn:aws:iam::111111111111:role/shop-app",
                "arn:aws:s3:::shop-static",
                "sg-0123456789abcdef0"));

        assertThat(location.regions()).containsExactly("eu-west-1");
        assertThat(location.accountIds()).containsExactly("111111111111");
        assertThat(location.fromArns()).isTrue();
        assertThat(location.admits("eu-west-1", "111111111111")).isTrue();
        assertThat(location.admits("us-east-1", "111111111111")).isFalse();
        assertThat(location.admits("eu-west-1", "222222222222")).isFalse();
    }

    @Test
    void regionsNamedEquallyOftenAreEachAdmitted() {
        RecordedLocation location = RecordedLocation.of(formatOne(
                "arn:aws:backup:eu-west-1:111111111111:backup-vault:shop",
                "arn:aws:backup:us-west-2:111111111111:backup-vault:shop-copy"));

        assertThat(location.describeRegions()).isEqualTo("eu-west-1 or us-west-2");
        assertThat(location.admits("us-west-2", "111111111111")).isTrue();
        assertThat(location.admits("us-east-1", "111111111111")).isFalse();
    }

    @Test
    void aStateWithoutLocationOrArnsAdmitsEveryRun() {
        RecordedLocation location = RecordedLocation.of(formatOne());

        assertThat(location.admits("ap-south-1", "333333333333")).isTrue();
        assertThat(location.fromArns()).isFalse();
    }

    private static State formatOne(String... arns) {
        State state = new State(1, "shop", null, UUID.randomUUID(), 1, Map.of(), Map.of());
        for (int i = 0; i < arns.length; i++) {
            state = state.with(new ResourceState(ResourceAddress.parse("app.web.thing" + i), "Test::Thing", "id-" + i,
                    arns[i], Map.of(), Set.of(), ResourceStatus.OK));
        }
        return state;
    }
}
