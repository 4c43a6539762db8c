/**
 * Loading blueprint format v1: {@link dev.scaffold.blueprint.BlueprintLoader} reads a YAML file and its imports
 * into located nodes, applies the chosen environment, resolves variables, interpolates {@code ${var.X}} and
 * {@code ${env.X}}, and binds the immutable {@link dev.scaffold.blueprint.Blueprint} records, applying every
 * default in that one step. All problems are reported together as
 * {@link dev.scaffold.blueprint.Diagnostic}s in one {@link dev.scaffold.blueprint.BlueprintException}.
 */
package dev.scaffold.blueprint;
