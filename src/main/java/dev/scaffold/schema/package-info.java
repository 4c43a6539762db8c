/**
 * What scaffold knows about each AWS resource type, as data: which attributes force a replace
 * (always or only for some changes), which AWS computes, which are sensitive, write-only or
 * unordered, whether a replace creates the new resource first, how long changes typically take,
 * and the tags that mark a stack's resources. The components, the differ, the executor and the
 * handlers all read it; it depends on nothing.
 */
package dev.scaffold.schema;
