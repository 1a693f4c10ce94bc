// engine/examples/embedded_example.cc — the reference card's embedded example
// in C++: an in-memory database, a table, an insert and a query.
#include <iostream>

#include "nano/nano.h"

int main() {
  try {
    auto db = nano::Database::OpenInMemory();
    db.Execute("CREATE TABLE users (id INT, name TEXT)");
    db.Execute("INSERT INTO users VALUES ($1, $2)", {1, "Alice"});
    nano::Result rows = db.Query("SELECT * FROM users WHERE id = $1", {1});
    for (size_t r = 0; r < rows.RowCount(); ++r) {
      std::cout << rows.GetInt64(r, "id") << " " << rows.GetString(r, "name") << "\n";
    }
    return rows.RowCount() == 1 ? 0 : 1;
  } catch (const nano::Error& e) {
    std::cerr << "error " << e.sqlstate() << ": " << e.message() << "\n";
    return 1;
  }
}
