package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * An edge "this entry depends on {@code id}".
 *
 * @param id       the provider (or service) depended on
 * @param evidence how well the edge is grounded
 * @param source   where the edge comes from, for a reader who wants to check it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dependency(
        @JsonProperty(required = true) @JsonDeserialize(using = Fields.Slug.class)
        String id,

        @JsonProperty(required = true) Evidence evidence,
        @JsonDeserialize(using = Fields.Text.class) String source) {
    public Dependency {
        if (id == null) {
            throw new IllegalArgumentException("missing required field \"id\"");
        }
        if (evidence == null) {
            throw new IllegalArgumentException("missing required field \"evidence\"");
        }
    }
}
