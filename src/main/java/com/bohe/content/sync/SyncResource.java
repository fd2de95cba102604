package com.bohe.content.sync;

import java.util.EnumSet;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.editing.ContentKind;

@Path("/sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sync", description = "Delta sync for apps that keep content offline: everything once, then only what changed")
public class SyncResource {

    @Inject
    SyncService sync;

    @GET
    @Operation(summary = "Sync public content: an initial sync, then deltas",
            description = "Without a token: an initial sync of every public entry. Follow nextPageToken until a page "
                    + "carries nextSyncToken; keep that, and send it next time for what changed since: entries created, "
                    + "changed or made public (a scheduled article once due), and in deleted the ones deleted or "
                    + "unpublished. A view count alone is not a change; an entry whose document shows another (an "
                    + "article's disease names) changes when what it shows does. Tokens work on every instance; one "
                    + "older than the deletions kept (90 days by default) is a 410: start again. See docs/sync.md.")
    @APIResponse(responseCode = "200", description = "A page of the sync")
    @APIResponse(responseCode = "410", ref = "SyncTokenExpired")
    public RestResponse<SyncPage> sync(
            @RestQuery @Parameter(description = "nextPageToken or nextSyncToken of an earlier answer; none to start") String token,
            @RestQuery @Parameter(description = "Only these kinds, comma-separated: article, disease, doctor, hospital, "
                    + "department (deletions too). Fixed by the token once given") String type,
            @RestQuery @DefaultValue("100") @Min(1) @Max(1000) @Parameter(description = "Entries and deletions per page, 1 to 1000") int limit) {
        SyncToken at;
        if (token == null || token.isEmpty()) {
            at = SyncToken.initial(kinds(type));
        } else {
            at = sync.token(token);
            if (type != null && SyncToken.mask(kinds(type)) != at.kinds()) {
                throw new InvalidRequestException("type", "differs from the token's; a token keeps the types it began with");
            }
        }
        return RestResponse.ok(sync.page(at, limit));
    }

    private static Set<ContentKind> kinds(String type) {
        if (type == null) {
            return EnumSet.allOf(ContentKind.class);
        }
        EnumSet<ContentKind> kinds = EnumSet.noneOf(ContentKind.class);
        for (String part : type.split(",", -1)) {
            kinds.add(ContentKind.of(part.strip()).orElseThrow(() -> new InvalidRequestException("type",
                    "must be article, disease, doctor, hospital or department, or several of them comma-separated")));
        }
        return kinds;
    }
}
