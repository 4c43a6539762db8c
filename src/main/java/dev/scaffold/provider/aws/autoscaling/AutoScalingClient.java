package dev.scaffold.provider.aws.autoscaling;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;

/** The EC2 Auto Scaling client of a run, built on first use, and how the service says that what a call names is gone. */
final class AutoScalingClient {

    private AutoScalingClient() {
    }

    static AutoScalingAsyncClient of(AwsClients aws) {
        return aws.client(AutoScalingAsyncClient.class, AutoScalingAsyncClient::builder);
    }

    /**
     * Whether a call failed because the group or policy it names does not exist: Auto Scaling has no code of its
     * own for that, only a ValidationError whose message says so (e.g. "AutoScalingGroup name not found").
     */
    static boolean notFound(Throwable failure) {
        return AwsErrors.hasCode(failure, Set.of("ValidationError"))
                && String.valueOf(AwsErrors.unwrap(failure).getMessage()).contains("not found");
    }
}
