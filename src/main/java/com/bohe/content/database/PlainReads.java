package com.bohe.content.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Plain SQL reads for the hottest first reads (an article's rendered detail, list items), on a connection of their
 * own and in no transaction of their own, through Hibernate's JDBC coordinator: statements are counted in
 * Hibernate's statistics like any other, and SQL errors are translated alike. By JFR, a JTA transaction's begin,
 * enlistment and commit cost a cold read more than its statement, and a native query resolved its result mapping
 * from the JDBC metadata on every execution.
 */
@ApplicationScoped
public class PlainReads {

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads one row, positioned by the caller's loop. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @Inject
    SessionFactory sessionFactory;

    /** Every row of a query, mapped in order. */
    public <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        return run(sql, binder, "Could not read", (jdbc, statement) -> {
            ResultSet rows = jdbc.getResultSetReturn().extract(statement, sql);
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        });
    }

    /**
     * One write outside any transaction (committed as it runs), as {@link #list}: for a render kept by a read, which
     * must not cost the read a transaction. Returns the rows written.
     */
    public int update(String sql, Binder binder) {
        return run(sql, binder, "Could not write", (jdbc, statement) -> jdbc.getResultSetReturn().executeUpdate(statement, sql));
    }

    /** What is done with a bound statement. */
    @FunctionalInterface
    private interface Execution<T> {
        T execute(JdbcCoordinator jdbc, PreparedStatement statement) throws SQLException;
    }

    /** A statement prepared, bound and executed on a stateless session's connection; its SQL errors translated. */
    private <T> T run(String sql, Binder binder, String failure, Execution<T> execution) {
        try (StatelessSession session = sessionFactory.openStatelessSession()) {
            JdbcCoordinator jdbc = ((SharedSessionContractImplementor) session).getJdbcCoordinator();
            PreparedStatement statement = jdbc.getStatementPreparer().prepareStatement(sql);
            try {
                binder.bind(statement);
                return execution.execute(jdbc, statement);
            } catch (SQLException e) {
                throw jdbc.getJdbcSessionOwner().getJdbcSessionContext().getJdbcServices().getSqlExceptionHelper()
                        .convert(e, failure, sql);
            } finally {
                jdbc.getLogicalConnection().getResourceRegistry().release(statement);
                jdbc.afterStatementExecution();
            }
        }
    }
}
