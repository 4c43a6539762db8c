package dev.scaffold.provider.aws.elbv2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;

/**
 * A listener's default action and certificate between the spec's vocabulary and ELBv2's: an action
 * is {@code {type: forward, targetGroupArn}} or {@code {type: redirect, protocol, port, host, path,
 * query, statusCode}}; scaffold sets one action and one certificate.
 */
final class ListenerAction {

    private ListenerAction() {
    }

    /** The spec's action as ELBv2's list of default actions. */
    static Object toActions(Object spec) {
        Map<?, ?> action = (Map<?, ?>) spec;
        String type = String.valueOf(action.get("type"));
        if (type.equals("forward")) {
            return List.of(Action.builder().type(ActionTypeEnum.FORWARD)
                    .targetGroupArn(String.valueOf(action.get("targetGroupArn"))).build());
        }
        if (type.equals("redirect")) {
            return List.of(Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(r -> r
                    .protocol(String.valueOf(action.get("protocol")))
                    .port(String.valueOf(action.get("port")))
                    .host(String.valueOf(action.get("host")))
                    .path(String.valueOf(action.get("path")))
                    .query(String.valueOf(action.get("query")))
                    .statusCode(String.valueOf(action.get("statusCode")))).build());
        }
        throw new IllegalStateException("unsupported listener action type " + type);
    }

    /** The first of ELBv2's default actions in the spec's vocabulary. */
    static Object fromActions(Object aws) {
        List<?> actions = (List<?>) aws;
        Map<String, Object> map = new LinkedHashMap<>();
        if (actions.isEmpty()) {
            return map;
        }
        Action action = (Action) actions.get(0);
        map.put("type", action.typeAsString());
        if (action.type() == ActionTypeEnum.FORWARD) {
            String targetGroup = action.targetGroupArn();
            if (targetGroup == null && action.forwardConfig() != null && action.forwardConfig().targetGroups().size() == 1) {
                targetGroup = action.forwardConfig().targetGroups().get(0).targetGroupArn();
            }
            map.put("targetGroupArn", targetGroup);
        } else if (action.type() == ActionTypeEnum.REDIRECT) {
            RedirectActionConfig redirect = action.redirectConfig();
            map.put("protocol", redirect.protocol());
            map.put("port", redirect.port());
            map.put("host", redirect.host());
            map.put("path", redirect.path());
            map.put("query", redirect.query());
            map.put("statusCode", redirect.statusCodeAsString());
        }
        return map;
    }

    /** The spec's certificate ARN as ELBv2's list of certificates. */
    static Object certificates(Object arn) {
        return List.of(Certificate.builder().certificateArn(String.valueOf(arn)).build());
    }

    /** The ARN of the first of ELBv2's certificates, or {@code null}. */
    static Object certificateArn(Object aws) {
        List<?> certificates = (List<?>) aws;
        return certificates.isEmpty() ? null : ((Certificate) certificates.get(0)).certificateArn();
    }
}
