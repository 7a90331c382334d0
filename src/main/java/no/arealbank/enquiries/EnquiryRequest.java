package no.arealbank.enquiries;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * An enquiry as the map page sends it. Everything is optional at this level so that {@link EnquiryValidator} can
 * name every missing or wrong field at once; members it does not know are collected and refused.
 */
record EnquiryRequest(Long plotId, String name, String email, String phone, String message, String language,
        @JsonAnySetter Map<String, Object> unknown) {

    EnquiryRequest {
        unknown = unknown == null ? new LinkedHashMap<>() : unknown;
    }
}
