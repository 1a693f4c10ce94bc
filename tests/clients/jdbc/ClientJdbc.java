// Client matrix: the PostgreSQL JDBC driver (Debian libpostgresql-jdbc-java),
// run as a single-file source program: java -cp /usr/share/java/postgresql.jar ClientJdbc.java URL
// Connect, DDL, PreparedStatement DML, a committed and a rolled-back transaction,
// errors with their SQLSTATE, NULLs and unicode. Exits 0 and prints "ok jdbc"
// when every check holds.
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

public class ClientJdbc {
  static final String UNICODE = "Zo\u00eb \u2013 \u6771\u4eac \uD83D\uDE80";
  static final String TABLE = "matrix_jdbc";

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("check failed: " + what);
    }
  }

  static long count(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + TABLE)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void insert(Connection conn, int id, String name, String note, BigDecimal amount) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO " + TABLE + " (id, name, note, amount) VALUES (?, ?, ?, ?)")) {
      ps.setInt(1, id);
      ps.setString(2, name);
      if (note == null) ps.setNull(3, Types.VARCHAR); else ps.setString(3, note);
      if (amount == null) ps.setNull(4, Types.NUMERIC); else ps.setBigDecimal(4, amount);
      check(ps.executeUpdate() == 1, "one row inserted");
    }
  }

  interface Body { void run() throws SQLException; }

  static void expectSqlState(String sqlstate, Body body) {
    try {
      body.run();
    } catch (SQLException e) {
      check(sqlstate.equals(e.getSQLState()), "SQLSTATE " + sqlstate + ", got " + e.getSQLState() + ": " + e.getMessage());
      return;
    }
    throw new AssertionError("expected SQLSTATE " + sqlstate);
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    try (Connection conn = DriverManager.getConnection(url)) {
      check(conn.getMetaData().getDatabaseMajorVersion() == 15, "server is 15.x");
      try (Statement st = conn.createStatement()) {
        st.execute("DROP TABLE IF EXISTS " + TABLE);
        st.execute("CREATE TABLE " + TABLE + " (id integer PRIMARY KEY, name text NOT NULL, note text, amount numeric(10,2))");
      }
      insert(conn, 1, UNICODE, null, new BigDecimal("12.50"));
      insert(conn, 2, "plain", "x", null);
      try (PreparedStatement ps = conn.prepareStatement("SELECT name, note, amount FROM " + TABLE + " WHERE id = ?")) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          check(rs.next(), "row 1 found");
          check(UNICODE.equals(rs.getString("name")), "unicode round trip");
          check(rs.getString("note") == null && rs.wasNull(), "NULL note");
          check(new BigDecimal("12.50").equals(rs.getBigDecimal("amount")), "numeric 12.50");
          check(!rs.next(), "exactly one row");
        }
      }

      conn.setAutoCommit(false);
      insert(conn, 3, "three", null, new BigDecimal("3"));
      try (PreparedStatement ps = conn.prepareStatement("UPDATE " + TABLE + " SET note = ? WHERE id = ?")) {
        ps.setString(1, "committed");
        ps.setInt(2, 2);
        check(ps.executeUpdate() == 1, "one row updated");
      }
      conn.commit();
      check(count(conn) == 3, "three rows after commit");
      conn.commit();

      insert(conn, 4, "four", null, null);
      try (Statement st = conn.createStatement()) {
        st.executeUpdate("DELETE FROM " + TABLE + " WHERE id = 1");
      }
      conn.rollback();
      check(count(conn) == 3, "three rows after rollback");
      conn.commit();

      expectSqlState("23505", () -> insert(conn, 1, "dup", null, null));
      conn.rollback();
      expectSqlState("22012", () -> {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 / ?")) {
          ps.setInt(1, 0);
          ps.executeQuery().close();
        }
      });
      expectSqlState("25P02", () -> {
        try (Statement st = conn.createStatement()) {
          st.executeQuery("SELECT 1").close();
        }
      });
      conn.rollback();
      conn.setAutoCommit(true);

      try (PreparedStatement ps = conn.prepareStatement("SELECT ?::text IS NULL, ?::text, length(?::text)")) {
        ps.setNull(1, Types.VARCHAR);
        ps.setString(2, UNICODE);
        ps.setString(3, UNICODE);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          check(rs.getBoolean(1), "NULL parameter IS NULL");
          check(UNICODE.equals(rs.getString(2)), "unicode parameter echoed");
          check(rs.getInt(3) == 10, "length counts characters");
        }
      }
      try (Statement st = conn.createStatement()) {
        st.execute("DROP TABLE " + TABLE);
      }
    }
    System.out.println("ok jdbc");
  }
}
