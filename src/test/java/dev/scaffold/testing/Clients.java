package dev.scaffold.testing;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.acm.AcmAsyncClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.kms.KmsAsyncClient;
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.wafv2.Wafv2AsyncClient;

/** The SDK clients tests use to look at what the emulator holds, from the same factory the product uses. */
public final class Clients {

    private Clients() {
    }

    public static Ec2AsyncClient ec2(AwsClients aws) {
        return aws.client(Ec2AsyncClient.class, Ec2AsyncClient::builder);
    }

    public static AutoScalingAsyncClient autoscaling(AwsClients aws) {
        return aws.client(AutoScalingAsyncClient.class, AutoScalingAsyncClient::builder);
    }

    public static ElasticLoadBalancingV2AsyncClient elbv2(AwsClients aws) {
        return aws.client(ElasticLoadBalancingV2AsyncClient.class, ElasticLoadBalancingV2AsyncClient::builder);
    }

    public static Wafv2AsyncClient wafv2(AwsClients aws) {
        return aws.client(Wafv2AsyncClient.class, Wafv2AsyncClient::builder);
    }

    public static AcmAsyncClient acm(AwsClients aws) {
        return aws.client(AcmAsyncClient.class, AcmAsyncClient::builder);
    }

    public static KmsAsyncClient kms(AwsClients aws) {
        return aws.client(KmsAsyncClient.class, KmsAsyncClient::builder);
    }

    public static CloudWatchLogsAsyncClient logs(AwsClients aws) {
        return aws.client(CloudWatchLogsAsyncClient.class, CloudWatchLogsAsyncClient::builder);
    }

    public static IamAsyncClient iam(AwsClients aws) {
        return aws.client(IamAsyncClient.class, IamAsyncClient::builder);
    }

    public static SqsAsyncClient sqs(AwsClients aws) {
        return aws.client(SqsAsyncClient.class, SqsAsyncClient::builder);
    }

    public static RdsAsyncClient rds(AwsClients aws) {
        return aws.client(RdsAsyncClient.class, RdsAsyncClient::builder);
    }

    public static ElastiCacheAsyncClient elasticache(AwsClients aws) {
        return aws.client(ElastiCacheAsyncClient.class, ElastiCacheAsyncClient::builder);
    }

    public static SecretsManagerAsyncClient secretsmanager(AwsClients aws) {
        return aws.client(SecretsManagerAsyncClient.class, SecretsManagerAsyncClient::builder);
    }
}
