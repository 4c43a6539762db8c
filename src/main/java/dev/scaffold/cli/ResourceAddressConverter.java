package dev.scaffold.cli;

import dev.scaffold.graph.ResourceAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a resource address on the command line; a malformed one is a usage error. */
final class ResourceAddressConverter implements ITypeConverter<ResourceAddress> {

    @Override
    public ResourceAddress convert(String value) {
        try {
            return ResourceAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
