package dev.scaffold.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the emulator as slow as AWS where it matters to an apply's duration, for the estimate
 * benchmark: every answer takes {@code perCall}, and a new load balancer reports itself
 * {@code provisioning}, not {@code active}, until {@code provisioning} has passed since its create
 * (the emulator makes it active at once). A test double of the emulator's timing, wired only by tests.
 */
public final class AwsLatencies implements FaultInjectingProxy.AnswerShaper {

    private static final Pattern ARN = Pattern.compile("<LoadBalancerArn>([^<]+)</LoadBalancerArn>");
    private static final String ACTIVE = "<Code>active</Code>";
    private static final String PROVISIONING = "<Code>provisioning</Code>";

    private final Duration perCall;
    private final Duration provisioning;
    private final Map<String, Long> createdAt = new ConcurrentHashMap<>();

    public AwsLatencies(Duration perCall, Duration provisioning) {
        this.perCall = perCall;
        this.provisioning = provisioning;
    }

    @Override
    public byte[] shape(String operation, byte[] body) throws InterruptedException {
        Thread.sleep(perCall.toMillis()); // the proxy's own thread stands for the network and AWS's work
        String text = new String(body, StandardCharsets.UTF_8);
        if (operation.equals("CreateLoadBalancer")) {
            Matcher arn = ARN.matcher(text);
            if (arn.find()) {
                createdAt.put(arn.group(1), System.nanoTime());
            }
            return text.replace(ACTIVE, PROVISIONING).getBytes(StandardCharsets.UTF_8);
        }
        if (operation.equals("DescribeLoadBalancers")) {
            return stillProvisioning(text).getBytes(StandardCharsets.UTF_8);
        }
        return body;
    }

    // Each load balancer's state follows its ARN in the answer, before the next load balancer's ARN.
    private String stillProvisioning(String text) {
        StringBuilder shaped = new StringBuilder();
        Matcher arn = ARN.matcher(text);
        int copied = 0;
        while (arn.find()) {
            int end = text.indexOf("<LoadBalancerArn>", arn.end());
            int stateAt = text.indexOf(ACTIVE, arn.end());
            Long created = createdAt.get(arn.group(1));
            boolean young = created != null && System.nanoTime() - created < provisioning.toNanos();
            if (young && stateAt >= 0 && (end < 0 || stateAt < end)) {
                shaped.append(text, copied, stateAt).append(PROVISIONING);
                copied = stateAt + ACTIVE.length();
            }
        }
        return shaped.append(text.substring(copied)).toString();
    }
}
