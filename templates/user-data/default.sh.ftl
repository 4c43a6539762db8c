#!/bin/sh
# Written by scaffold for service ${service.name} of stack ${stack.name}: the service's environment, for the
# application to read. Give the service a userData template of your own to start the application as well.
mkdir -p /etc/scaffold
umask 077
cat > /etc/scaffold/${service.name}.env <<'SCAFFOLD_ENV'
<#list env as name, value>
${name}=${value}
</#list>
SCAFFOLD_ENV
