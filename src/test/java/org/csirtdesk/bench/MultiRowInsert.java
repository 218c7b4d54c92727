package org.csirtdesk.bench;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmarks' bulk load: rows gathered into one multi-row INSERT, sent every {@code rowsPerInsert} rows and by
 * {@link #flush()} at the end. Values are written by the benchmark itself, never taken from outside.
 */
final class MultiRowInsert {

    private final Statement statement;
    private final String insert;
    private final int rowsPerInsert;
    private final StringBuilder values = new StringBuilder();
    private int rows;

    MultiRowInsert(Statement statement, String insert, int rowsPerInsert) {
        this.statement = statement;
        this.insert = insert;
        this.rowsPerInsert = rowsPerInsert;
    }

    void add(String row) throws SQLException {
        values.append(rows == 0 ? "(" : ", (").append(row).append(')');
        if (++rows == rowsPerInsert) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (rows > 0) {
            statement.executeUpdate(insert + values);
            values.setLength(0);
            rows = 0;
        }
    }
}
