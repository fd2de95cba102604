package com.bohe.content.api.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/** The paging and sorting parameters that every list shares. */
public class PageParams {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    @RestQuery
    @DefaultValue("0")
    @Min(0)
    @Parameter(description = "Zero-based page number")
    public int page;

    @RestQuery
    @DefaultValue("20")
    @Min(1)
    @Max(MAX_SIZE)
    @Parameter(description = "Page size, 1 to 100")
    public int size;

    @RestQuery
    @Parameter(description = "Comma-separated sort fields from the list's whitelist; a leading '-' sorts descending. "
            + "Ties are always broken by id.")
    public String sort;

    public PageParams() {
    }

    public PageParams(int page, int size, String sort) {
        this.page = page;
        this.size = size;
        this.sort = sort;
    }

    public long offset() {
        return (long) page * size;
    }
}
