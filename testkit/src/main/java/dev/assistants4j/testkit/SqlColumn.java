package dev.assistants4j.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The first column of a query's rows, as strings: for tests and benches that look into a database directly. Stateless,
 * thread-safe (a connection is not: one caller at a time).
 */
public final class SqlColumn {

    private SqlColumn() {}

    /** The first column of each row {@code sql} returns on {@code connection}, in row order. */
    public static List<String> strings(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
