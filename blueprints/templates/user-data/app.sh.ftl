#!/bin/bash
# User data of service ${service.name} (stack ${stack.name}, environment ${stack.environment}), rendered by
# scaffold with Freemarker: `env` holds the service's environment, `service` its name, port and log group.
set -euo pipefail

# The application's settings, readable by its user only.
install -d -m 0750 /etc/app
cat > /etc/app/env <<'APP_ENV'
<#list env as name, value>
${name}=${value}
</#list>
APP_ENV
chmod 0640 /etc/app/env

# Start the application on port ${service.port?c}, its logs to CloudWatch Logs group ${service.logGroup}.
systemctl enable --now app.service
