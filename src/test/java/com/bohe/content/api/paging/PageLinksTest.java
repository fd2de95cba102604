package com.bohe.content.api.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class PageLinksTest {

    private static PageParams params(int page, int size) {
        PageParams params = new PageParams();
        params.page = page;
        params.size = size;
        return params;
    }

    @Test
    void shouldLeaveOutLastWhenTheTotalIsALowerBound() {
        URI uri = URI.create("/articles?q=%E5%A4%B4%E7%97%9B&size=20&page=3");
        Page<Integer> atLeast = Page.of(Collections.nCopies(20, 1), params(3, 20), 1_000, Page.TotalRelation.gte);
        assertEquals("</articles?q=%E5%A4%B4%E7%97%9B&size=20&page=0>; rel=\"first\", "
                + "</articles?q=%E5%A4%B4%E7%97%9B&size=20&page=2>; rel=\"prev\", "
                + "</articles?q=%E5%A4%B4%E7%97%9B&size=20&page=4>; rel=\"next\"", PageLinks.header(uri, atLeast));

        // Past the bound, a full page still has a next page; so does the bound's last page.
        Page<Integer> beyond = Page.of(Collections.nCopies(20, 1), params(60, 20), 1_000, Page.TotalRelation.gte);
        assertEquals(true, PageLinks.header(uri, beyond).contains("page=61>; rel=\"next\""));
        // A short page ends the list.
        Page<Integer> end = Page.of(List.of(1, 2), params(70, 20), 1_000, Page.TotalRelation.gte);
        assertEquals(false, PageLinks.header(uri, end).contains("rel=\"next\""));
        assertEquals(false, PageLinks.header(uri, end).contains("rel=\"last\""));
    }

    @Test
    void shouldKeepLastWhenTheTotalIsExact() {
        URI uri = URI.create("/articles?size=20&page=0");
        Page<Integer> exact = Page.of(Collections.nCopies(20, 1), params(0, 20), 45);
        assertEquals(Page.TotalRelation.eq, exact.totalRelation());
        assertEquals("</articles?size=20&page=0>; rel=\"first\", </articles?size=20&page=1>; rel=\"next\", "
                + "</articles?size=20&page=2>; rel=\"last\"", PageLinks.header(uri, exact));
    }
}
