<#-- The starter of `scaffold init --template web-app`. It uses [=name] interpolation so that
     scaffold's own ${...} expressions pass through untouched. Model: stackName, region. -->
# yaml-language-server: $schema=blueprint.schema.json
# A web application's backend on AWS: a load balancer, auto-scaling app servers, PostgreSQL
# with read replicas, a Redis cache, a CDN, nightly backups and alarms.
# Replace the defaults marked "replace", then run: scaffold validate
blueprint: [=stackName]
region: [=region]
tags:
  app: [=stackName]

variables:
  domain:
    type: string
    default: app.example.com
    description: The domain the site is served on; scaffold requests its certificate (replace).
  image:
    type: string
    description: The AMI the app servers boot from, one of the blueprint's region (plan and apply ask for it).
  instanceType:
    type: string
    default: t3.small
    description: The EC2 instance type of the app servers.
  minInstances:
    type: integer
    default: 2
    description: The fewest app servers.
  maxInstances:
    type: integer
    default: 8
    description: The most app servers.
  alarmEmail:
    type: string
    default: ops@example.com
    description: Where alarms are sent (replace).

environments:
  staging:
    variables: { instanceType: t3.micro, minInstances: 1, maxInstances: 2 }
    databases:
      main: { multiAz: false, readReplicas: 0, deletionProtection: false, skipFinalSnapshot: true }
    caches:
      sessions: { replicas: 0 }
  prod:
    production: true

network: { vpc: default, subnets: default }

loadBalancers:
  web:
    algorithm: least-outstanding-requests
    https:
      domain: ${var.domain}
    redirectHttp: true
    healthCheck: { path: /health }
    rateLimit: { requestsPer5Minutes: 2000 }

services:
  app:
    loadBalancer: web
    port: 8080
    image: ${var.image}
    instanceType: ${var.instanceType}
    capacity:
      min: ${var.minInstances}
      max: ${var.maxInstances}
    scaleOn: { cpuPercent: 60 }
    environment:
      DB_HOST: ${databases.main.endpoint}

databases:
  main:
    engine: postgres
    version: "16.4"
    instanceClass: db.t4g.medium
    storageGb: 50
    multiAz: true
    readReplicas: 2
    backupRetentionDays: 7
    deletionProtection: true
    skipFinalSnapshot: false
    allowFrom: [ services.app ]

caches:
  sessions: { engine: redis, nodeType: cache.t4g.small, replicas: 1, allowFrom: [ services.app ] }

queues:
  jobs: { consumers: [ services.app ], producers: [ services.app ] }

cdn:
  site:
    origin: loadBalancers.web
    staticAssets: { paths: [ "/static/*" ] }
    priceClass: PriceClass_100
    webAcl: true

backups:
  nightly:
    resources: [ databases.main ]
    rpoHours: 24
    retentionDays: 35
    # copyToRegion: us-west-2   # a second region to copy each backup to

monitoring:
  notify: ${var.alarmEmail}
  alarms: { cpuPercent: 80, http5xxPercent: 1, p95LatencyMs: 500, replicaLagSeconds: 30 }
