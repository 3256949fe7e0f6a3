package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** A display name in English and Arabic. */
public record LocalizedName(
        @JsonProperty(required = true) @JsonDeserialize(using = Fields.Text.class)
        String en,

        @JsonProperty(required = true) @JsonDeserialize(using = Fields.Text.class)
        String ar) {
    public LocalizedName {
        if (en == null) {
            throw new IllegalArgumentException("missing required field \"en\"");
        }
        if (ar == null) {
            throw new IllegalArgumentException("missing required field \"ar\"");
        }
    }
}
