package dev.scaffold.provider.aws.ec2;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;

/** The EC2 client of a run, built on first use. */
final class Ec2Client {

    private Ec2Client() {
    }

    static Ec2AsyncClient of(AwsClients aws) {
        return aws.client(Ec2AsyncClient.class, Ec2AsyncClient::builder);
    }
}
