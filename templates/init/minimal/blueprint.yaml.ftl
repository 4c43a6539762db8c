<#-- The starter of `scaffold init --template minimal`. It uses [=name] interpolation so that
     scaffold's own ${...} expressions pass through untouched. Model: stackName, region. -->
# yaml-language-server: $schema=blueprint.schema.json
# One load balancer in front of one auto-scaling service.
# Replace the values marked "replace", then run: scaffold validate
# Plan and apply ask for the image: scaffold plan --var image=ami-…
blueprint: [=stackName]
region: [=region]

variables:
  image:
    type: string
    description: The AMI the app servers boot from, one of the blueprint's region.

loadBalancers:
  web:
    https: { domain: app.example.com }   # replace with your domain
    redirectHttp: true
    healthCheck: { path: /health }

services:
  app:
    loadBalancer: web
    port: 8080
    image: ${var.image}
    instanceType: t3.micro
    capacity: { min: 1, max: 2 }
    scaleOn: { cpuPercent: 60 }
