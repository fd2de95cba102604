package com.bohe.content.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import com.bohe.content.background.Background;
import com.bohe.content.Concurrency;
import com.bohe.content.TestData;

/** The write-behind aggregator against the real database: concurrency, several instances, outages, restarts. */
@QuarkusTest
class ViewAggregatorTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ViewsConfig config;
    @Inject
    TestData data;

    @Test
    void shouldCountEveryViewOfManyThreadsExactly() throws Exception {
        long hot = data.publishedArticle("并发计数").id;
        long other = data.publishedArticle("并发计数旁边").id;
        ViewAggregator aggregator = aggregator(dataSource);
        Concurrency.runInThreads(32, () -> {
            for (int i = 0; i < 1_000; i++) {
                aggregator.record(hot);
                if (i % 100 == 0) {
                    aggregator.flush();
                }
            }
            return null;
        });
        aggregator.record(other);
        assertEquals(32_000 + 0, aggregator.pending(hot) + stored(hot), "pending plus stored is the whole count");
        aggregator.flush();
        assertEquals(32_000, stored(hot));
        assertEquals(1, stored(other));
        assertEquals(32_000, dayViews(hot, LocalDate.now(ZONE)));
        assertEquals(0, aggregator.pendingEntries(), "nothing stays in memory after a full flush");
    }

    @Test
    void shouldSumTheCountsOfTwoInstancesExactly() throws Exception {
        long article = data.publishedArticle("两个实例").id;
        ViewAggregator first = aggregator(dataSource);
        ViewAggregator second = aggregator(dataSource);
        Concurrency.runInThreads(16, () -> {
            for (int i = 0; i < 1_000; i++) {
                first.record(article);
                second.record(article);
                if (i % 250 == 0) {
                    first.flush();
                    second.flush();
                }
            }
            return null;
        });
        first.flush();
        second.flush();
        assertEquals(32_000, stored(article));
        assertEquals(32_000, dayViews(article, LocalDate.now(ZONE)));
    }

    @Test
    void shouldKeepViewsThroughAnOutageAndWriteThemWhenTheDatabaseReturns() throws Exception {
        long article = data.publishedArticle("数据库中断").id;
        FlakyDataSource flaky = new FlakyDataSource(dataSource);
        ViewAggregator aggregator = aggregator(flaky);
        for (int i = 0; i < 700; i++) {
            aggregator.record(article);
        }
        flaky.down.set(true);
        assertThrows(SQLException.class, aggregator::flush);
        for (int i = 0; i < 300; i++) {
            assertTrue(aggregator.record(article), "views keep counting while the database is away");
        }
        assertThrows(SQLException.class, aggregator::flush);
        assertEquals(1_000, aggregator.pending(article));
        flaky.down.set(false);
        aggregator.flush();
        assertEquals(1_000, stored(article));
        assertEquals(0, aggregator.pending(article));
    }

    @Test
    void shouldNotCountABatchTwiceWhenItsCommitOutcomeWasLost() throws Exception {
        long article = data.publishedArticle("提交结果丢失").id;
        FlakyDataSource flaky = new FlakyDataSource(dataSource);
        ViewAggregator aggregator = aggregator(flaky);
        for (int i = 0; i < 250; i++) {
            aggregator.record(article);
        }
        flaky.failAfterNextCommit.set(true);
        assertThrows(SQLException.class, aggregator::flush);
        assertEquals(250, stored(article), "the commit did happen");
        for (int i = 0; i < 5; i++) {
            aggregator.record(article);
        }
        aggregator.flush();
        assertEquals(255, stored(article), "the retried batch is recognised, not applied again");
        assertEquals(255, dayViews(article, LocalDate.now(ZONE)));
    }

    @Test
    void shouldBoundMemoryAndFreeEntriesAfterAFlush() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(data.publishedArticle("内存上限" + i).id);
        }
        FlakyDataSource flaky = new FlakyDataSource(dataSource);
        ViewAggregator aggregator = new ViewAggregator(flaky, Clock.system(ZONE), 3, 1000);
        assertTrue(aggregator.record(ids.get(0)));
        assertTrue(aggregator.record(ids.get(1)));
        assertTrue(aggregator.record(ids.get(2)));
        assertFalse(aggregator.record(ids.get(3)), "a fourth article does not fit");
        assertTrue(aggregator.record(ids.get(0)), "an article already pending still counts");
        aggregator.flush();
        assertEquals(0, aggregator.pendingEntries());
        assertTrue(aggregator.record(ids.get(3)));
        aggregator.flush();
        assertEquals(List.of(2L, 1L, 1L, 1L), List.of(stored(ids.get(0)), stored(ids.get(1)), stored(ids.get(2)), stored(ids.get(3))));
    }

    @Test
    void shouldLoseNothingAcrossAGracefulRestart() throws Exception {
        long article = data.publishedArticle("优雅重启").id;
        ViewCounter before = new ViewCounter(dataSource, config, new Background(new SimpleMeterRegistry()));
        before.start(null);
        Concurrency.runInThreads(8, () -> {
            for (int i = 0; i < 500; i++) {
                before.record(article);
            }
            return null;
        });
        before.stop(null);
        ViewCounter after = new ViewCounter(dataSource, config, new Background(new SimpleMeterRegistry()));
        after.start(null);
        for (int i = 0; i < 123; i++) {
            after.record(article);
        }
        after.stop(null);
        assertEquals(4_123, stored(article));
    }

    @Test
    void shouldBucketViewsByTheDayTheyHappened() throws Exception {
        long article = data.publishedArticle("按天分桶").id;
        LocalDate threeDaysAgo = LocalDate.now(ZONE).minusDays(3);
        ViewAggregator past = new ViewAggregator(dataSource, Clock.fixed(threeDaysAgo.atTime(12, 0).atZone(ZONE).toInstant(), ZONE),
                1000, 1000);
        past.record(article);
        past.record(article);
        past.flush();
        ViewAggregator now = aggregator(dataSource);
        now.record(article);
        now.flush();
        assertEquals(2, dayViews(article, threeDaysAgo));
        assertEquals(1, dayViews(article, LocalDate.now(ZONE)));
        assertEquals(3, stored(article));
    }

    private ViewAggregator aggregator(javax.sql.DataSource source) {
        return new ViewAggregator(source, Clock.system(ZONE), 1_000_000, 1000);
    }

    private long stored(long article) {
        return data.storedViewCount(article);
    }

    private long dayViews(long article, LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT views FROM article_view_day WHERE article_id = ? AND day = ?")) {
            s.setLong(1, article);
            s.setObject(2, day);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }
}
